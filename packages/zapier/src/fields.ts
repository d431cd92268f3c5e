import {
  gpt54Pro,
  type ModelParams,
  type ModelSpec,
  type ParamSpec,
  readParams,
  userParams,
  ValidationError,
} from '@modelstream-kit/core';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { jsonExampleField } from './json-example.js';

/**
 * Parameters that decide how the answer travels, not what it says. The adapter chooses them: every call
 * is a background job (answered within Zapier's 30 s or collected later) and Zapier cannot stream.
 */
export const ADAPTER_OWNED: ReadonlySet<string> = new Set(
  gpt54Pro.params.filter((p) => p.role === 'delivery').map((p) => p.name),
);

/** The toggle that reveals the spec's advanced parameters. */
export const ADVANCED_TOGGLE = 'advanced_options';

/** Images as Zapier files (from an earlier step), sent to the model as data URLs. */
export const IMAGE_FILES = 'image_files';

export type InputFieldEntry = PlainInputField | ((z: ZObject, bundle: Bundle) => PlainInputField[]);

/** The spec's parameters a Zapier user sets, in the spec's order. */
export function fieldParams(model: ModelSpec): ParamSpec[] {
  return userParams(model);
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

/** A cost ceiling per step, checked before any request (the worst case: every token the request may use). */
export const maxCostField: PlainInputField = {
  key: 'max_cost_usd',
  label: 'Max Cost (USD)',
  type: 'number',
  required: false,
  placeholder: '0.50',
  helpText:
    'Refuse, before anything is sent, a request whose worst case costs more than this many US dollars: ' +
    'the prompt (bounded by its length in bytes), images by OpenAI’s published rule, and all of Max Output ' +
    'Tokens (or the model’s 128,000) at output prices, at the connection’s prices. The error shows the numbers.',
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
    if (param.role === 'images') advanced.push(imageFilesField);
    if (param.choices?.some((c) => c.value === 'json_object')) advanced.push(jsonExampleField);
  }
  return [
    ...basic,
    maxCostField,
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

export interface ReadPromptOptions {
  /** The step's own key for a parameter (a task action calls the prompt `text`); default its name. */
  keyOf?: (param: ParamSpec) => string;
  /** Parameters the step fills in itself (not read, not required here). */
  skip?: (param: ParamSpec) => boolean;
}

/**
 * The model's parameters from a Zap step's input, read and checked by the core's `readParams`: every
 * problem at once, each naming the Zapier field key, the value and what is allowed, before anything is
 * sent. Advanced values count only while the advanced options are shown, so what runs is what the user sees.
 */
export function readPromptParams(
  model: ModelSpec,
  inputData: Record<string, unknown>,
  options: ReadPromptOptions = {},
): ModelParams {
  const includeAdvanced = isYes(inputData[ADVANCED_TOGGLE]);
  const keyOf = options.keyOf ?? ((param: ParamSpec) => param.name);
  const { params, issues } = readParams(
    model,
    (param) => (param.group === 'advanced' && !includeAdvanced ? undefined : inputData[keyOf(param)]),
    {
      skip: (param) => param.role === 'delivery' || options.skip?.(param) === true,
      fieldName: keyOf,
    },
  );
  if (issues.length > 0) throw new ValidationError(issues);
  return params as ModelParams;
}
