import { type ModelSpec, type ParamSpec, toCamelCase } from '@modelstream-kit/core';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** n8n's name for a spec parameter: reasoning_effort → reasoningEffort. */
export const fieldName = (param: ParamSpec): string => toCamelCase(param.name);

/**
 * The value n8n fills in when a person adds the field. For `background` the model's preference wins
 * over the API's default, so Pro answers run as jobs unless turned off.
 */
function defaultOf(model: ModelSpec, param: ParamSpec): INodeProperties['default'] {
  if (param.name === 'background') return model.delivery.preferred === 'background';
  switch (param.kind) {
    case 'boolean':
      return param.default ?? false;
    case 'integer':
      return param.default ?? param.max ?? param.min ?? 0;
    case 'choice':
      return param.default ?? param.choices?.[0]?.value ?? '';
    case 'url-list':
      return [];
    default:
      return param.default ?? '';
  }
}

function choicesOf(param: ParamSpec): INodePropertyOptions[] {
  return (param.choices ?? []).map((choice) => ({
    name: choice.label,
    value: choice.value,
    ...(choice.description ? { description: choice.description } : {}),
  }));
}

/** One n8n field rendered from one spec parameter: label, help, type, enum, limits. */
export function specField(model: ModelSpec, param: ParamSpec): INodeProperties {
  const field: INodeProperties = {
    displayName: param.label,
    name: fieldName(param),
    type: 'string',
    default: defaultOf(model, param),
    description: param.description,
  };
  if (param.placeholder) field.placeholder = param.placeholder;
  switch (param.kind) {
    case 'long-text':
      field.typeOptions = { rows: 4 };
      break;
    case 'integer':
      field.type = 'number';
      field.typeOptions = { numberPrecision: 0 };
      if (param.min !== undefined) field.typeOptions.minValue = param.min;
      if (param.max !== undefined) field.typeOptions.maxValue = param.max;
      break;
    case 'boolean':
      field.type = 'boolean';
      break;
    case 'choice':
      field.type = 'options';
      field.options = choicesOf(param);
      break;
    case 'url-list':
      field.typeOptions = { multipleValues: true, multipleValueButtonText: `Add ${param.label}` };
      field.placeholder ??= 'https://example.com/chart.png';
      break;
    case 'text':
      break;
  }
  return field;
}

/** The fields shown at once (the spec's basic group), in the spec's order. */
export function basicFields(model: ModelSpec): INodeProperties[] {
  return model.params
    .filter((p) => p.group === 'basic')
    .map((p) => ({ ...specField(model, p), ...(p.required ? { required: true } : {}) }));
}

/** The fields behind the "Options" fold (the spec's advanced group). */
export function advancedFields(model: ModelSpec): INodeProperties[] {
  return model.params.filter((p) => p.group === 'advanced').map((p) => specField(model, p));
}
