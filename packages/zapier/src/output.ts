import type { Completion, Job } from '@modelstream-kit/core';

/** `completed` when the answer is in `text`; `pending` when the job is still running upstream. */
export type AnswerStatus = 'completed' | 'pending';

export type AnswerOutput = {
  id: string;
  status: AnswerStatus;
  job_status: string;
  text: string;
  model: string;
  finish_reason: string;
  reasoning_summary: string;
  usage__prompt_tokens: number;
  usage__completion_tokens: number;
  usage__reasoning_tokens: number;
  usage__total_tokens: number;
  request_id: string;
  note: string;
  raw: unknown;
  [flattened: `json__${string}`]: unknown;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A JSON answer as `json__key__sub` fields Zapier users can map. Arrays stay arrays (Zapier shows them as
 * line items); a top-level value that is not an object becomes `json__value`.
 */
export function flattenJson(value: unknown, prefix = 'json'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (v: unknown, path: string) => {
    if (isPlainObject(v) && Object.keys(v).length > 0) {
      for (const [key, child] of Object.entries(v)) walk(child, `${path}__${key}`);
    } else {
      out[path] = v;
    }
  };
  if (isPlainObject(value)) walk(value, prefix);
  else out[`${prefix}__value`] = value;
  return out;
}

export const PENDING_NOTE =
  'Still running upstream (a GPT-5.4 pro answer can take minutes). Add a "Find Completion" step with this ID to collect it; it waits for the answer by itself.';

export function completionOutput(completion: Completion): AnswerOutput {
  const usage = completion.usage;
  return {
    id: completion.id,
    status: 'completed',
    job_status: 'completed',
    text: completion.text,
    model: completion.model,
    finish_reason: String(completion.finishReason),
    reasoning_summary: completion.reasoningSummary ?? '',
    usage__prompt_tokens: usage.prompt_tokens,
    usage__completion_tokens: usage.completion_tokens,
    usage__reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    usage__total_tokens: usage.total_tokens,
    request_id: completion.requestId ?? '',
    note:
      completion.finishReason === 'length'
        ? 'The answer was cut at Max Output Tokens; raise it for a complete answer.'
        : '',
    ...(completion.json === undefined ? {} : flattenJson(completion.json)),
    raw: completion.raw,
  };
}

export function pendingOutput(job: Job, model: string, note = PENDING_NOTE): AnswerOutput {
  return {
    id: job.id,
    status: 'pending',
    job_status: job.status,
    text: '',
    model,
    finish_reason: '',
    reasoning_summary: '',
    usage__prompt_tokens: 0,
    usage__completion_tokens: 0,
    usage__reasoning_tokens: 0,
    usage__total_tokens: 0,
    request_id: '',
    note,
    raw: { id: job.id, status: job.status },
  };
}

/** Labels for the fields Zapier offers to later steps. */
export const answerOutputFields = [
  { key: 'id', label: 'Job ID' },
  { key: 'status', label: 'Status (completed or pending)' },
  { key: 'job_status', label: 'Job Status (as ModelStream reports it)' },
  { key: 'text', label: 'Answer' },
  { key: 'model', label: 'Model' },
  { key: 'finish_reason', label: 'Finish Reason' },
  { key: 'reasoning_summary', label: 'Reasoning Summary' },
  { key: 'usage__prompt_tokens', label: 'Usage: Prompt Tokens', type: 'integer' as const },
  { key: 'usage__completion_tokens', label: 'Usage: Completion Tokens', type: 'integer' as const },
  { key: 'usage__reasoning_tokens', label: 'Usage: Reasoning Tokens', type: 'integer' as const },
  { key: 'usage__total_tokens', label: 'Usage: Total Tokens', type: 'integer' as const },
  { key: 'request_id', label: 'Request ID (for support)' },
  { key: 'note', label: 'Note' },
];

export const SAMPLE_JOB_ID = 'resp_sample_0000';

/** What a finished answer looks like; also what the Zap editor's test returns without calling the model. */
export const sampleAnswer: AnswerOutput = {
  id: SAMPLE_JOB_ID,
  status: 'completed',
  job_status: 'completed',
  text: 'Sample answer. Testing this step in the Zap editor does not call GPT-5.4 pro (a real answer takes minutes and costs money); the live Zap does.',
  model: 'gpt-5.4-pro',
  finish_reason: 'stop',
  reasoning_summary: 'Sample reasoning summary.',
  usage__prompt_tokens: 12,
  usage__completion_tokens: 34,
  usage__reasoning_tokens: 20,
  usage__total_tokens: 46,
  request_id: 'req_sample',
  note: '',
  raw: { id: SAMPLE_JOB_ID, object: 'response', status: 'completed' },
};

export const samplePending: AnswerOutput = pendingOutput(
  { id: SAMPLE_JOB_ID, status: 'queued' },
  'gpt-5.4-pro',
);
