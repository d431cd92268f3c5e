import { type ModelParams, ValidationError, type ValidationIssue } from '@modelstream-kit/core';
import type { PlainInputField } from 'zapier-platform-core';

/** An output field Zapier shows for mapping (the types Zapier knows). */
export interface TaskOutputField {
  key: string;
  label: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'datetime';
}

/**
 * A task-shaped action over the same building blocks as Send Prompt: the task's own inputs, the prompt
 * it asks the model, and how it reads the answer into typed, validated fields. A task is also written
 * into every output as `task` (its `spec`), so Find Completion can read a pending job the same way.
 */
export interface Task<Spec> {
  /** The name written into `task` ("extract", "classify", "summarize"). */
  name: string;
  inputFields: PlainInputField[];
  /** The user's inputs as a spec; every problem at once as a ValidationError, before any request. */
  specFrom(inputData: Record<string, unknown>): Spec;
  /** What the model is asked: prompt, system prompt and (for JSON tasks) the response format. */
  params(spec: Spec, inputData: Record<string, unknown>): ModelParams;
  /** The answer as the task's fields, with what was missing or wrong said in `problems`. */
  read(spec: Spec, answer: { text: string; json: unknown }): TaskFields;
  /** The task's output fields, for the Zap editor (built from the spec: a field list makes one each). */
  outputFields(spec: Spec | undefined): TaskOutputField[];
  /** The task's fields in the sample and in a pending output (empty values of the right types). */
  sample(spec: Spec | undefined): Record<string, unknown>;
}

export interface TaskFields {
  fields: Record<string, unknown>;
  /** What did not fit the task (a missing key, a category not in the list); empty when all is well. */
  problems: string[];
}

export const issue = (field: string, value: unknown, allowed: string, message: string): ValidationIssue => ({
  field,
  value,
  allowed,
  message,
});

export function throwIssues(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

/** The text to work on: required, as the spec's prompt is. */
export const textField: PlainInputField = {
  key: 'text',
  label: 'Text',
  type: 'text',
  required: true,
  helpText: 'The text to work on (map it from an earlier step). Sent to the model inside the task’s prompt.',
};

export function readText(inputData: Record<string, unknown>, issues: ValidationIssue[]): string {
  const value = inputData.text;
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (text.trim() === '')
    issues.push(issue('text', value, 'a non-empty text', 'text: is required; map the text to work on'));
  return text;
}

/** The user's text, fenced so that instructions inside it read as data. */
export const fenced = (text: string) => `<text>\n${text}\n</text>`;
