import { z } from 'zod/v4';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import type { ModelSpec, ParamSpec } from './param-spec.js';
import { listInWords } from './words.js';

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
  if (issues.length > 0) throw new ValidationError(issues);
  return present as ModelParams;
}
