import type { AnswerOutput } from '../output.js';
import { taskString } from './registry.js';
import type { Task, TaskOutputField } from './task.js';

export type TaskOutput = AnswerOutput & {
  task: string;
  valid: boolean;
  problems: string;
  [taskField: string]: unknown;
};

/** Fields every task output has besides the answer's: what Find Completion needs, and whether it fits. */
export const taskCommonFields: TaskOutputField[] = [
  { key: 'valid', label: 'Valid (the answer fits the task)', type: 'boolean' },
  { key: 'problems', label: 'Problems (what did not fit)' },
  { key: 'task', label: 'Task (map into Find Completion to read a pending job)' },
];

const withoutJson = (out: AnswerOutput) =>
  Object.fromEntries(Object.entries(out).filter(([key]) => !key.startsWith('json__'))) as AnswerOutput;

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** An answer (or a pending job) as the task's output: its typed fields, and what did not fit said. */
export function taskOutput<S>(out: AnswerOutput, task: Task<S>, spec: S): TaskOutput {
  const base = { ...withoutJson(out), task: taskString(task, spec as object) };
  if (out.status === 'pending') {
    const empty = Object.fromEntries(Object.keys(task.sample(spec)).map((key) => [key, null]));
    return { ...base, ...empty, valid: false, problems: '' };
  }
  const read = task.read(spec, { text: out.text, json: parsed(out.text) });
  const problems = [
    ...(out.status === 'incomplete' ? [`the answer is incomplete (${out.incomplete_reason})`] : []),
    ...read.problems,
  ];
  return {
    ...base,
    ...read.fields,
    valid: problems.length === 0,
    problems: problems.join('; '),
    note: [out.note, problems.length ? `Check the answer: ${problems.join('; ')}.` : '']
      .filter(Boolean)
      .join(' '),
  };
}
