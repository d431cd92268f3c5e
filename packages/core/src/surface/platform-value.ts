import type { ModelSpec, ParamSpec } from '../spec/param-spec.js';
import { parseParamText } from '../spec/parse-param-text.js';

/**
 * A value as a platform hands it over (typed by a form, or text from an expression or a flag) in the
 * parameter's type. Empty means "not set". Range and choice checks are left to validation.
 */
export function fromPlatformValue(model: ModelSpec, param: ParamSpec, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (param.kind === 'url-list') {
    const items = (Array.isArray(value) ? value : [value]).flatMap((item) =>
      typeof item === 'string'
        ? ((parseParamText(model, param, item) as string[] | undefined) ?? [])
        : item === undefined || item === null
          ? []
          : [item],
    );
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'string') return parseParamText(model, param, value);
  if (typeof value === 'number' && param.kind !== 'integer')
    return parseParamText(model, param, String(value));
  return value;
}
