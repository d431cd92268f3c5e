import type { ModelSpec } from '@modelstream-kit/core';
import type { INodeProperties } from 'n8n-workflow';
import { advancedFields, basicFields } from './spec-properties';

export const MESSAGE = 'message';
export const GET_JOB = 'getJob';
export const DEFAULT_CONCURRENCY = 5;
export const DEFAULT_MAX_WAIT_MINUTES = 30;

/** "GPT-5.4 pro" → "GPT-5.4 Pro" (n8n shows operations in title case). */
export const titleCase = (text: string): string => text.replace(/\b([a-z])/g, (c) => c.toUpperCase());

const onlyFor = (...operation: string[]) => ({ show: { operation } });

/** Node-level settings that are not model parameters, in the Options fold beside them. */
function nodeOptions(model: ModelSpec): INodeProperties[] {
  return [
    {
      displayName: 'Image Binary Properties',
      name: 'imageBinaryProperties',
      type: 'string',
      default: '',
      placeholder: 'data, attachment_1',
      description:
        'Comma-separated names of binary properties holding images; each is sent to the model as a data URL',
      displayOptions: { show: { '/operation': [MESSAGE] } },
    },
    {
      displayName: 'Concurrency',
      name: 'concurrency',
      type: 'number',
      default: DEFAULT_CONCURRENCY,
      typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
      description: `How many items are sent to ${model.label} at the same time. Output order is kept.`,
    },
    {
      displayName: 'Max Cost (USD)',
      name: 'maxCostUsd',
      type: 'number',
      default: 0,
      typeOptions: { minValue: 0, numberPrecision: 2 },
      description:
        "Refuse an item before sending it when its worst case (every prompt token, plus Max Output Tokens or the model's maximum at the output price) costs more than this many US dollars. 0: no ceiling.",
      displayOptions: { show: { '/operation': [MESSAGE] } },
    },
    {
      displayName: 'Max Retries',
      name: 'maxRetries',
      type: 'number',
      default: 4,
      typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
      description:
        'Retries of a rate-limited (429) or failed (5xx) request, with backoff that honours Retry-After. A request that may already be running upstream is never sent twice.',
    },
    {
      displayName: 'Price Multiplier',
      name: 'priceMultiplier',
      type: 'number',
      default: 1,
      typeOptions: { minValue: 0, numberPrecision: 4 },
      description: `Scales the list prices the cost of each answer is reckoned at (ModelStream bills its quota with multipliers it does not publish). 1: OpenAI's list prices for ${model.label}.`,
    },
  ];
}

/** Every parameter of the node: model fields generated from the spec, then the node's own. */
export function nodeProperties(model: ModelSpec): INodeProperties[] {
  const advanced = advancedFields(model).map((field) => ({
    ...field,
    displayOptions: { show: { '/operation': [MESSAGE] } },
  }));
  const options = [...advanced, ...nodeOptions(model)].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
  return [
    {
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      default: MESSAGE,
      options: [
        {
          name: 'Get Job',
          value: GET_JOB,
          description: 'Collect a background job by its ID: its answer once finished, else its status',
          action: 'Get a background job',
        },
        {
          name: `Message ${titleCase(model.label)}`,
          value: MESSAGE,
          description: model.description,
          action: `Message ${titleCase(model.label)}`,
        },
      ],
    },
    ...basicFields(model).map((field) => ({ ...field, displayOptions: onlyFor(MESSAGE) })),
    {
      displayName: 'Job ID',
      name: 'jobId',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'resp_abc123',
      description: 'The ID of a background job, as output when Wait for Completion is off',
      displayOptions: onlyFor(GET_JOB),
    },
    {
      displayName: 'Wait for Completion',
      name: 'waitForCompletion',
      type: 'boolean',
      // On: GPT-5.4 pro prefers background jobs (a test keeps this equal to the spec's preferred delivery).
      default: true,
      description:
        'Whether to wait for the answer. Long answers run as a background job, polled until done. Turn off to output the pending job at once and collect it later with Get Job.',
    },
    {
      displayName: 'Max Wait (Minutes)',
      name: 'maxWaitMinutes',
      type: 'number',
      default: DEFAULT_MAX_WAIT_MINUTES,
      typeOptions: { minValue: 1, maxValue: 1440, numberPrecision: 0 },
      description:
        'How long to wait for one answer. When it runs out the job keeps running upstream, and the error names its ID to collect it later.',
      displayOptions: { show: { waitForCompletion: [true] } },
    },
    {
      displayName: 'Simplify Output',
      name: 'simplify',
      type: 'boolean',
      default: true,
      description:
        'Whether to return text, JSON, reasoning summary, usage, ID, model and finish reason instead of the raw response',
    },
    {
      displayName: 'Options',
      name: 'options',
      type: 'collection',
      placeholder: 'Add Option',
      default: {},
      options,
    },
  ];
}
