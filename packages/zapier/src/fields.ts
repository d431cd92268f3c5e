import {
  type ModelParams,
  type ModelSpec,
  type ParamSpec,
  parseParamText,
  ValidationError,
  type ValidationIssue,
  validateParams,
} from '@modelstream-kit/core';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';

/**
 * Parameters that decide how the answer travels, not what it says. The adapter chooses them: every call
 * is a background job (answered within Zapier's 30 s or collected later) and Zapier cannot stream.
 */
export const ADAPTER_OWNED = new Set(['stream', 'background']);

/** The toggle that reveals the spec's advanced parameters. */
export const ADVANCED_TOGGLE = 'advanced_options';

/** Images as Zapier files (from an earlier step), sent to the model as data URLs. */
export const IMAGE_FILES = 'image_files';

export type InputFieldEntry = PlainInputField | ((z: ZObject, bundle: Bundle) => PlainInputField[]);

/** The spec's parameters a Zapier user sets, in the spec's order. */
export function fieldParams(model: ModelSpec): ParamSpec[] {
  return model.params.filter((p) => !ADAPTER_OWNED.has(p.name));
}

function helpText(param: ParamSpec): string {
  const parts = [param.description, `Allowed: ${param.allowed}.`];
  if (param.default !== undefined) {
    parts.push(`Left empty, ModelStream uses ${String(param.default)}.`);
  }
  return parts.join(' ');
}

/** One spec parameter as a Zapier input field. Keys are the API's canonical names. */
export function toInputField(param: ParamSpec): PlainInputField {
  const field: PlainInputField = {
    key: param.name,
    label: param.label,
    helpText: helpText(param),
    required: param.required === true,
  };
  if (param.placeholder) field.placeholder = param.placeholder;
  switch (param.kind) {
    case 'text':
      field.type = 'string';
      break;
    case 'long-text':
      field.type = 'text';
      break;
    case 'integer':
      field.type = 'integer';
      break;
    case 'boolean':
      field.type = 'boolean';
      break;
    case 'choice':
      field.type = 'string';
      field.choices = (param.choices ?? []).map((c) => ({
        value: c.value,
        sample: c.value,
        label: c.description ? `${c.label} (${c.description})` : c.label,
      }));
      break;
    case 'url-list':
      field.type = 'string';
      field.list = true;
      break;
  }
  return field;
}

const imageFilesField: PlainInputField = {
  key: IMAGE_FILES,
  label: 'Image Files',
  type: 'file',
  list: true,
  required: false,
  helpText:
    'Images from earlier steps (PNG, JPEG, GIF or WebP, up to 20 MB each). They are downloaded and sent ' +
    'inline, so they need not be public. Counted together with Image URLs.',
};

/**
 * Every user-settable parameter of the model as Zapier fields, generated from the spec: the basic ones,
 * then a toggle that reveals the advanced ones (Zapier re-fetches the fields when it changes).
 */
export function inputFieldsFor(model: ModelSpec): InputFieldEntry[] {
  const params = fieldParams(model);
  const basic = params.filter((p) => p.group === 'basic').map(toInputField);
  const advanced: PlainInputField[] = [];
  for (const param of params.filter((p) => p.group === 'advanced')) {
    advanced.push(toInputField(param));
    if (param.kind === 'url-list' && param.name === 'image_urls') advanced.push(imageFilesField);
  }
  return [
    ...basic,
    {
      key: ADVANCED_TOGGLE,
      label: 'Show Advanced Options',
      type: 'boolean',
      required: false,
      altersDynamicFields: true,
      helpText: `Reveal ${advanced.map((f) => f.label).join(', ')}.`,
    },
    (_z, bundle) => (isYes(bundle.inputData?.[ADVANCED_TOGGLE]) ? advanced : []),
  ];
}

/** Zapier sends booleans as true/false or as the words a person mapped in. */
export function isYes(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && ['true', 'yes', '1', 'on'].includes(value.trim().toLowerCase());
}

function fromZapierValue(model: ModelSpec, param: ParamSpec, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (param.kind === 'url-list') {
    const items = (Array.isArray(value) ? value : [value]).flatMap((item) =>
      typeof item === 'string'
        ? ((parseParamText(model, param, item) as string[] | undefined) ?? [])
        : [item],
    );
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'string') return parseParamText(model, param, value);
  if (param.kind === 'text' || param.kind === 'long-text' || param.kind === 'choice') {
    return typeof value === 'number' ? String(value) : value;
  }
  return value;
}

/**
 * The model's parameters from a Zap step's input, checked against the spec: every problem at once, each
 * naming the field, the value and what is allowed, before anything is sent. Advanced values count only
 * while the advanced options are shown, so what runs is what the user sees.
 */
export function readParams(model: ModelSpec, inputData: Record<string, unknown>): ModelParams {
  const includeAdvanced = isYes(inputData[ADVANCED_TOGGLE]);
  const issues: ValidationIssue[] = [];
  const params: Record<string, unknown> = {};
  for (const param of fieldParams(model)) {
    if (param.group === 'advanced' && !includeAdvanced) continue;
    try {
      const value = fromZapierValue(model, param, inputData[param.name]);
      if (value !== undefined) params[param.name] = value;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  try {
    const valid = validateParams(model, params);
    if (issues.length > 0) throw new ValidationError(issues);
    return valid;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const seen = new Set(issues.map((i) => i.field));
    throw new ValidationError([...issues, ...error.issues.filter((i) => !seen.has(i.field))]);
  }
}
