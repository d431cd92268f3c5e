import * as z from 'zod/v4';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { utf8Length } from '../utf8-length.js';
import type { ModelSpec, ParamSpec } from './param-spec.js';
import { formatInteger, listInWords } from './words.js';

export type ModelParams = { prompt: string } & Record<string, unknown>;

const schemaCache = new WeakMap<ModelSpec, z.ZodObject>();

function objectSchema(model: ModelSpec): z.ZodObject {
  let schema = schemaCache.get(model);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const p of model.params) shape[p.name] = p.required ? p.schema : p.schema.optional();
    schema = z.object(shape);
    schemaCache.set(model, schema);
  }
  return schema;
}

/** The value as a person would type it, cut short so a data URL or a long prompt stays readable. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function issueFor(model: ModelSpec, param: ParamSpec, path: readonly PropertyKey[], value: unknown) {
  const field = path.length > 1 ? `${param.name}[${String(path[1])}]` : param.name;
  const message =
    value === undefined
      ? `${field}: is required for ${model.id}; use ${param.allowed}`
      : `${field}: ${showValue(value)} is not allowed for ${model.id}; use ${param.allowed}`;
  return { field, value, allowed: param.allowed, message } satisfies ValidationIssue;
}

function valueAt(input: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Checks parameters against a model's spec and returns them without the absent ones. Every problem is
 * reported at once, each naming the field, the value and what is allowed; nothing is sent before this.
 */
export function validateParams(model: ModelSpec, input: Record<string, unknown>): ModelParams {
  const issues: ValidationIssue[] = [];
  const present: Record<string, unknown> = {};
  const known = model.params.map((p) => p.name);
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value === undefined || value === null) continue;
    if (!known.includes(key)) {
      issues.push({
        field: key,
        value,
        allowed: listInWords(known),
        message: `${key === '' ? '""' : key}: is not a ${model.id} parameter; use ${listInWords(known)}`,
      });
      continue;
    }
    present[key] = value;
  }
  const result = objectSchema(model).safeParse(present);
  if (!result.success) {
    const seen = new Set<string>();
    for (const zIssue of result.error.issues) {
      const param = model.params.find((p) => p.name === zIssue.path[0]);
      if (!param) continue;
      const issue = issueFor(model, param, zIssue.path, valueAt(present, zIssue.path.slice(0, 2)));
      if (seen.has(issue.field)) continue;
      seen.add(issue.field);
      issues.push(issue);
    }
  }
  if (issues.length === 0) issues.push(...sizeIssues(model, present));
  if (issues.length > 0) throw new ValidationError(issues);
  return present as ModelParams;
}

/** Fewest UTF-8 bytes one o200k token takes in practice: a margin so only hopeless prompts are refused. */
const MAX_BYTES_PER_TOKEN = 8;
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** What cannot be sent however valid its type: a prompt beyond the context window, an oversized image. */
function sizeIssues(model: ModelSpec, params: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let textBytes = 0;
  const textParams = model.params.filter((p) => p.role === 'prompt' || p.role === 'instructions');
  for (const param of textParams) {
    const value = params[param.name];
    if (typeof value === 'string') textBytes += utf8Length(value);
  }
  const leastTokens = Math.floor(textBytes / MAX_BYTES_PER_TOKEN);
  if (leastTokens > model.contextWindowTokens) {
    const field = textParams[0]?.name ?? 'prompt';
    issues.push({
      field,
      value: `[${mb(textBytes)} of text]`,
      allowed: `text that fits ${model.id}'s ${formatInteger(model.contextWindowTokens)}-token context window`,
      message:
        `${field}: ${mb(textBytes)} of text is at least ${formatInteger(leastTokens)} tokens, more than ${model.id}'s ` +
        `context window of ${formatInteger(model.contextWindowTokens)} tokens; shorten it (nothing was sent)`,
    });
  }
  for (const param of model.params) {
    const value = params[param.name];
    if (param.maxItemBytes === undefined || !Array.isArray(value)) continue;
    value.forEach((item, index) => {
      if (typeof item !== 'string' || !item.startsWith('data:')) return;
      const bytes = Math.floor(((item.length - item.indexOf(',') - 1) * 3) / 4);
      if (bytes <= param.maxItemBytes!) return;
      const field = `${param.name}[${index}]`;
      issues.push({
        field,
        value: `[a ${mb(bytes)} data URL]`,
        allowed: `images of at most ${mb(param.maxItemBytes!)}`,
        message: `${field}: the image is ${mb(bytes)}, over the ${mb(param.maxItemBytes!)} a single image may be; shrink it or send a URL (nothing was sent)`,
      });
    });
  }
  return issues;
}
