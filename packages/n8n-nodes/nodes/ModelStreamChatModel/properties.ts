import { type ModelSpec, type ParamSpec, userParams } from '@modelstream-kit/core';
import type { INodeProperties } from 'n8n-workflow';
import { fieldName, specField } from '../ModelStream/spec-properties';

export const DEFAULT_MAX_WAIT_MINUTES = 30;
export const DEFAULT_MAX_RETRIES = 4;

/** The agent supplies the prompt, the system prompt and the images; the node sets the rest. */
export const fromAgent = (param: ParamSpec): boolean =>
  param.role === 'prompt' || param.role === 'instructions' || param.role === 'images';

/** The model's settings a person chooses here: every user parameter the agent does not supply. */
export const settingParams = (model: ModelSpec): ParamSpec[] =>
  userParams(model).filter((param) => !fromAgent(param));

const waitAndRetries: INodeProperties[] = [
  {
    displayName: 'Max Wait (Minutes)',
    name: 'maxWaitMinutes',
    type: 'number',
    typeOptions: { minValue: 1, numberPrecision: 0 },
    default: DEFAULT_MAX_WAIT_MINUTES,
    description: 'How long to wait for the background job before giving up; the job is cancelled then',
  },
  {
    displayName: 'Max Retries',
    name: 'maxRetries',
    type: 'number',
    typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
    default: DEFAULT_MAX_RETRIES,
    description:
      'Retries of requests that cannot have started a job (rate limits, polls); a job is never started twice',
  },
];

export function chatModelProperties(model: ModelSpec): INodeProperties[] {
  return [
    {
      displayName:
        "This model answers the AI Agent in text (and reads the conversation's images). It cannot call the agent's tools: ModelStream's form has no field for them. Connect no tools, or use the ModelStream node as a tool instead.",
      name: 'toolsNotice',
      type: 'notice',
      default: '',
    },
    {
      displayName: 'Options',
      name: 'options',
      placeholder: 'Add Option',
      description: `Settings of ${model.label} on ModelStream`,
      type: 'collection',
      default: {},
      options: [...settingParams(model).map((param) => specField(model, param)), ...waitAndRetries].sort(
        (a, b) => a.displayName.localeCompare(b.displayName),
      ),
    },
  ];
}

export { fieldName };
