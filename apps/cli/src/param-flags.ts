import {
  type ModelSpec,
  type ParamSpec,
  parseParamText,
  toCamelCase,
  toKebabCase,
  ValidationError,
  type ValidationIssue,
} from '@modelstream-kit/core';
import { Option } from 'commander';

/** The parameter given as the command's argument rather than as a flag. */
export const PROMPT_PARAM = 'prompt';

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
    if (param.name === PROMPT_PARAM) continue;
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
 * Reads the generated flags back into parameters, each value parsed with the spec's `parseParamText`.
 * Every bad value is reported at once. url-list values come back as the raw items (files are resolved later).
 */
export function paramsFromFlags(model: ModelSpec, values: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const param of model.params) {
    if (param.name === PROMPT_PARAM) continue;
    const raw = values[toCamelCase(param.name)];
    if (raw === undefined) continue;
    try {
      if (param.kind === 'boolean') {
        params[param.name] = typeof raw === 'boolean' ? raw : parseParamText(model, param, String(raw));
      } else if (param.kind === 'url-list') {
        const items = (raw as string[]).flatMap(
          (text) => (parseParamText(model, param, text) as string[] | undefined) ?? [],
        );
        if (items.length > 0) params[param.name] = items;
      } else {
        const value = parseParamText(model, param, String(raw));
        if (value !== undefined) params[param.name] = value;
      }
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues);
      else throw error;
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return params;
}

/** The flag a parameter is set with, to point at it in an error: image_urls[1] → --image-urls. */
export function flagOfField(model: ModelSpec, field: string): string | undefined {
  const name = field.replace(/\[.*$/, '');
  if (name === PROMPT_PARAM) return undefined;
  return model.params.some((p) => p.name === name) ? `--${toKebabCase(name)}` : undefined;
}
