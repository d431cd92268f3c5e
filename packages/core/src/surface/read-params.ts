import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import type { ModelSpec, ParamSpec } from '../spec/param-spec.js';
import { validateParams } from '../spec/validate.js';
import { fromPlatformValue } from './platform-value.js';

export interface ReadParamsOptions {
  /** Parameters this reader does not read (filled in later, or owned by the adapter): not required here. */
  skip?: (param: ParamSpec) => boolean;
  /**
   * The name a person knows the field by on this surface (`reasoning-effort`, `Reasoning Effort`):
   * issues name it instead of the canonical name.
   */
  fieldName?: (param: ParamSpec) => string;
  /** Check ranges and choices too (default). False: only turn values into their types; check later. */
  validate?: boolean;
}

export interface ReadParamsResult {
  /** The values that were set, in the spec's types. Valid only when `issues` is empty. */
  params: Record<string, unknown>;
  /** Every problem at once, each naming the field, the value and what is allowed. */
  issues: ValidationIssue[];
}

function renamed(issue: ValidationIssue, param: ParamSpec, name: string): ValidationIssue {
  if (name === param.name) return issue;
  const field = name + issue.field.slice(param.name.length);
  const message = issue.message.startsWith(`${issue.field}:`)
    ? `${field}:${issue.message.slice(issue.field.length + 1)}`
    : issue.message;
  return { ...issue, field, message };
}

const paramOf = (model: ModelSpec, field: string) =>
  model.params.find((p) => p.name === field.replace(/\[.*$/, ''));

/**
 * The model's parameters from a platform: `get` returns each one's raw value (typed or text), which is
 * converted to the spec's type and validated once. Nothing is thrown; the caller decides how to show
 * the issues (or use `readParamsOrThrow`).
 */
export function readParams(
  model: ModelSpec,
  get: (param: ParamSpec) => unknown,
  options: ReadParamsOptions = {},
): ReadParamsResult {
  const issues: ValidationIssue[] = [];
  const params: Record<string, unknown> = {};
  const skipped = new Set<string>();
  for (const param of model.params) {
    if (options.skip?.(param)) {
      skipped.add(param.name);
      continue;
    }
    try {
      const value = fromPlatformValue(model, param, get(param));
      if (value !== undefined) params[param.name] = value;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  try {
    if (options.validate !== false) validateParams(model, params);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const seen = new Set(issues.map((i) => i.field));
    for (const found of error.issues) {
      const missingButSkipped = found.value === undefined && skipped.has(found.field);
      if (!missingButSkipped && !seen.has(found.field)) issues.push(found);
    }
  }
  const named = options.fieldName
    ? issues.map((found) => {
        const param = paramOf(model, found.field);
        return param ? renamed(found, param, options.fieldName!(param)) : found;
      })
    : issues;
  return { params, issues: named };
}

/** `readParams`, throwing one ValidationError with every issue. */
export function readParamsOrThrow(
  model: ModelSpec,
  get: (param: ParamSpec) => unknown,
  options: ReadParamsOptions = {},
): Record<string, unknown> {
  const { params, issues } = readParams(model, get, options);
  if (issues.length > 0) throw new ValidationError(issues);
  return params;
}
