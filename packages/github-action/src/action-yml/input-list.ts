import { type ModelSpec, type ParamSpec, showValue, toKebabCase } from '@modelstream-kit/core';
import {
  companionInputs,
  leadingInputs,
  type OwnInput,
  paramNotes,
  trailingInputs,
} from '../action-inputs.js';

/** An input as it appears in action.yml, with the spec parameter it stands for (if any). */
export interface ActionInput extends OwnInput {
  readonly param?: ParamSpec;
}

/**
 * The action's own default for a parameter: the spec's, except `background`, which follows the model's
 * preferred delivery (an input that GitHub always fills cannot be left "unset").
 */
export function paramDefault(model: ModelSpec, param: ParamSpec): string | undefined {
  if (param.name === 'background' && model.delivery.preferred === 'background') return 'true';
  return param.default === undefined ? undefined : String(param.default);
}

function describeParam(model: ModelSpec, param: ParamSpec): string {
  const parts = [param.description];
  if (param.kind === 'choice' && param.choices) {
    parts.push(
      `One of: ${param.choices.map((c) => `\`${c.value}\` (${c.description ?? c.label})`).join(', ')}.`,
    );
  } else if (param.kind === 'url-list') {
    parts.push(`Allowed: ${param.allowed}, one per line or comma-separated.`);
  } else if (param.kind === 'integer' || param.kind === 'boolean') {
    parts.push(`Allowed: ${param.allowed}.`);
  }
  if (param.placeholder && param.kind !== 'long-text')
    parts.push(`Example: ${showValue(param.placeholder)}.`);
  const note = paramNotes[param.name];
  if (note) parts.push(note);
  parts.push(`(${model.label} parameter \`${param.name}\`.)`);
  return parts.join(' ');
}

/** Every input of the action, in action.yml's order: own inputs, then the model's, then own again. */
export function actionInputList(model: ModelSpec): ActionInput[] {
  const list: ActionInput[] = [...leadingInputs];
  for (const param of model.params) {
    const fallback = paramDefault(model, param);
    list.push({
      name: toKebabCase(param.name),
      description: describeParam(model, param),
      ...(fallback === undefined ? {} : { default: fallback }),
      param,
    });
    const companion = companionInputs[param.name];
    if (companion) list.push(companion);
  }
  list.push(...trailingInputs);
  const seen = new Set<string>();
  for (const input of list) {
    if (seen.has(input.name)) throw new Error(`action.yml: input ${input.name} is defined twice`);
    seen.add(input.name);
  }
  return list;
}
