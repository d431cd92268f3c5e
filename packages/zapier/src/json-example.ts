import { ValidationError } from '@modelstream-kit/core';
import type { PlainInputField } from 'zapier-platform-core';
import { flattenJson } from './output.js';

export const JSON_EXAMPLE = 'json_example';

/** Shown with Response Format: its keys become mappable fields before the first real answer. */
export const jsonExampleField: PlainInputField = {
  key: JSON_EXAMPLE,
  label: 'JSON Example (for mapping)',
  type: 'text',
  required: false,
  placeholder: '{"title": "…", "score": 3, "tags": ["…"]}',
  helpText:
    'With Response Format **JSON Object**: an example of the object you ask for. Its keys appear as ' +
    '`json__…` fields in the Zap editor (and in this step’s test), so later steps can map them before ' +
    'the first real answer. Not sent to the model.',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The example as an object, or undefined when none was given; anything else is bad input. */
export function readJsonExample(inputData: Record<string, unknown>): Record<string, unknown> | undefined {
  const value = inputData[JSON_EXAMPLE];
  if (value === undefined || value === null || value === '') return undefined;
  if (isObject(value)) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(value));
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    throw new ValidationError([
      {
        field: JSON_EXAMPLE,
        value,
        allowed: 'a JSON object such as {"title": "x", "score": 3}',
        message: `${JSON_EXAMPLE}: ${JSON.stringify(String(value).slice(0, 80))} is not a JSON object; use a JSON object such as {"title": "x", "score": 3}`,
      },
    ]);
  }
  return parsed;
}

/** The `json__…` output fields an example makes, for the Zap editor. */
export function jsonOutputFields(example: Record<string, unknown> | undefined) {
  if (!example) return [];
  return Object.entries(flattenJson(example)).map(([key, value]) => ({
    key,
    label: `JSON: ${key.slice('json__'.length).split('__').join(' › ')}`,
    ...(typeof value === 'number' ? { type: 'number' as const } : {}),
    ...(typeof value === 'boolean' ? { type: 'boolean' as const } : {}),
  }));
}
