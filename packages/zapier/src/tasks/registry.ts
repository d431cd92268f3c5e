import { ValidationError } from '@modelstream-kit/core';
import { classifyTask } from './classify.js';
import { extractTask } from './extract.js';
import { summarizeTask } from './summarize.js';
import type { Task } from './task.js';

// biome-ignore lint/suspicious/noExplicitAny: each task has its own spec type; the string carries it.
type AnyTask = Task<any>;

export const TASKS: Record<string, AnyTask> = {
  [extractTask.name]: extractTask,
  [classifyTask.name]: classifyTask,
  [summarizeTask.name]: summarizeTask,
};

/** What Find Completion needs to read a pending task job as the task would: written into `task`. */
export const taskString = (task: AnyTask, spec: object): string =>
  JSON.stringify({ task: task.name, ...spec });

const refuse = (value: unknown): never => {
  throw new ValidationError([
    {
      field: 'task',
      value: typeof value === 'string' ? value.slice(0, 80) : value,
      allowed: 'the Task field of the step that started the job',
      message:
        'task: is not the Task of an Extract Structured Data, Classify Text or Summarize step; map that step’s **Task** field here, or leave this empty',
    },
  ]);
};

/** The task a pending job was started for, checked again as when it started; undefined when none. */
export function readTaskString(value: unknown): { task: AnyTask; spec: unknown } | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(String(value)) as Record<string, unknown>;
  } catch {
    return refuse(value);
  }
  const task = TASKS[String(stored?.task ?? '')];
  if (!task) return refuse(value);
  const { task: _name, ...spec } = stored;
  try {
    // The stored spec is read by the same rules as the step's own inputs (the text is not stored).
    return { task, spec: task.specFrom({ ...spec, text: '-' }) };
  } catch {
    return refuse(value);
  }
}
