import {
  type ModelSpec,
  type ParamSpec,
  readParams,
  toCamelCase,
  toKebabCase,
  ValidationError,
} from '@modelstream-kit/core';
import { Option } from 'commander';

export function paramGroupTitle(model: ModelSpec): string {
  return `Model parameters (${model.id}):`;
}

function valueName(param: ParamSpec): string {
  switch (param.kind) {
    case 'choice':
      return (param.choices ?? []).map((c) => c.value).join('|');
    case 'integer':
      return 'n';
    case 'url-list':
      return 'url,...';
    default:
      return 'text';
  }
}

/** The spec's help text with what is allowed and the upstream default, in one line. */
export function paramHelp(param: ParamSpec): string {
  const parts = [param.description];
  if (param.kind !== 'boolean') parts.push(`Allowed: ${param.allowed}.`);
  if (param.kind === 'url-list') parts.push('Repeatable; local image files become data URLs.');
  if (param.default !== undefined) parts.push(`Upstream default: ${String(param.default)}.`);
  return parts.join(' ');
}

/** Flags as they appear in --help and the README: one entry per option line. */
export interface FlagDoc {
  flags: string;
  description: string;
  param?: string;
}

export function paramFlagDocs(model: ModelSpec): FlagDoc[] {
  const docs: FlagDoc[] = [];
  for (const param of model.params) {
    if (param.role === 'prompt') continue;
    const flag = `--${toKebabCase(param.name)}`;
    if (param.kind === 'boolean') {
      docs.push({ flags: flag, description: paramHelp(param), param: param.name });
      docs.push({
        flags: `--no-${toKebabCase(param.name)}`,
        description: `Send ${param.name}: false.`,
        param: param.name,
      });
    } else {
      docs.push({ flags: `${flag} <${valueName(param)}>`, description: paramHelp(param), param: param.name });
    }
  }
  return docs;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** One commander Option per parameter of the spec (booleans get a --no- twin), all in one help group. */
export function paramOptions(model: ModelSpec): Option[] {
  const group = paramGroupTitle(model);
  return paramFlagDocs(model).map((doc) => {
    const option = new Option(doc.flags, doc.description).helpGroup(group);
    const param = model.params.find((p) => p.name === doc.param);
    if (param?.kind === 'url-list') option.argParser(collect);
    return option;
  });
}

/**
 * Reads the generated flags back into parameters with the core's `readParams` (typed text parsed, every
 * bad value at once). Ranges and choices are checked once the whole request is known.
 */
export function paramsFromFlags(model: ModelSpec, values: Record<string, unknown>): Record<string, unknown> {
  const { params, issues } = readParams(model, (param) => values[toCamelCase(param.name)], {
    skip: (param) => param.role === 'prompt',
    validate: false,
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return params;
}

/** The flag a parameter is set with, to point at it in an error: image_urls[1] → --image-urls. */
export function flagOfField(model: ModelSpec, field: string): string | undefined {
  const name = field.replace(/\[.*$/, '');
  const param = model.params.find((p) => p.name === name);
  return param && param.role !== 'prompt' ? `--${toKebabCase(name)}` : undefined;
}
