import type { Completion, Cost, Job } from '@modelstream-kit/core';

/**
 * `completed`: the answer is in `text`. `incomplete`: the model stopped early (see `incomplete_reason`;
 * `text` may be partial or empty). `pending`: the job still runs upstream; collect it with Find Completion.
 */
export type AnswerStatus = 'completed' | 'incomplete' | 'pending';

export type AnswerOutput = {
  id: string;
  status: AnswerStatus;
  job_status: string;
  incomplete_reason: string;
  answer_empty: boolean;
  text: string;
  model: string;
  finish_reason: string;
  reasoning_summary: string;
  usage__prompt_tokens: number;
  usage__completion_tokens: number;
  usage__reasoning_tokens: number;
  usage__total_tokens: number;
  cost_input_usd: number;
  cost_output_usd: number;
  cost_total_usd: number;
  cost_source: string;
  request_id: string;
  note: string;
  raw: Record<string, unknown>;
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

/** Keys of a payload that hold the answer's text again (it is in `text` already). */
const TEXT_KEYS = new Set(['output', 'output_text', 'choices']);

/**
 * ModelStream's final payload without the answer text it repeats: ids, status, `incomplete_details`,
 * `usage` as sent, the format, and which output items there were (`output_items`, `finish_reasons`).
 */
export function compactRaw(raw: unknown): Record<string, unknown> {
  if (!isPlainObject(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!TEXT_KEYS.has(key)) out[key] = value;
  if (Array.isArray(raw.output)) {
    out.output_items = raw.output.map((item) => (isPlainObject(item) ? String(item.type ?? '') : ''));
  }
  if (Array.isArray(raw.choices)) {
    out.finish_reasons = raw.choices.map((c) => (isPlainObject(c) ? (c.finish_reason ?? null) : null));
  }
  return out;
}

export const PENDING_NOTE =
  'Still running upstream (a GPT-5.4 pro answer can take minutes). Add a "Find Completion" step with this ID to collect it; it waits for the answer by itself.';

/** Why an answer stopped early, in ModelStream's (OpenAI's) words. */
function incompleteReason(completion: Completion): string {
  // A chat-completion job has no `incomplete` status: a cut answer is `completed` with finish_reason length.
  if (completion.status !== 'incomplete' && completion.finishReason === 'stop') return '';
  const details = isPlainObject(completion.raw) ? completion.raw.incomplete_details : undefined;
  if (isPlainObject(details) && typeof details.reason === 'string') return details.reason;
  return completion.finishReason === 'length' ? 'max_output_tokens' : String(completion.finishReason);
}

function incompleteNote(reason: string, empty: boolean, reasoningTokens: number): string {
  if (reason === 'max_output_tokens') {
    return empty
      ? `EMPTY ANSWER: the model spent all of Max Output Tokens (${reasoningTokens} on reasoning) before writing any answer. Raise Max Output Tokens (or lower Reasoning Effort) and run again; the tokens used are billed.`
      : 'The answer was cut at Max Output Tokens and is incomplete; raise it for a complete answer.';
  }
  return `The answer is incomplete (${reason})${empty ? ' and EMPTY' : ''}; check it before using it.`;
}

export const noCost = (
  source = '',
): Pick<AnswerOutput, 'cost_input_usd' | 'cost_output_usd' | 'cost_total_usd' | 'cost_source'> => ({
  cost_input_usd: 0,
  cost_output_usd: 0,
  cost_total_usd: 0,
  cost_source: source,
});

export function costFields(cost: Cost | undefined) {
  if (!cost) return noCost();
  return {
    cost_input_usd: cost.input,
    cost_output_usd: cost.output,
    cost_total_usd: cost.total,
    cost_source: `${cost.source}; ${cost.tier}`,
  };
}

/** The job's status as ModelStream sent it, when the payload says. */
function jobStatusOf(completion: Completion): string {
  const raw = completion.raw;
  return isPlainObject(raw) && typeof raw.status === 'string' ? raw.status : completion.status;
}

export function completionOutput(completion: Completion): AnswerOutput {
  const usage = completion.usage;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const reason = incompleteReason(completion);
  const empty = completion.text.trim() === '';
  return {
    id: completion.id,
    status: reason ? 'incomplete' : 'completed',
    job_status: jobStatusOf(completion),
    incomplete_reason: reason,
    answer_empty: empty,
    text: completion.text,
    model: completion.model,
    finish_reason: String(completion.finishReason),
    reasoning_summary: completion.reasoningSummary ?? '',
    usage__prompt_tokens: usage.prompt_tokens,
    usage__completion_tokens: usage.completion_tokens,
    usage__reasoning_tokens: reasoning,
    usage__total_tokens: usage.total_tokens,
    ...costFields(completion.cost),
    request_id: completion.requestId ?? '',
    note: reason
      ? incompleteNote(reason, empty, reasoning)
      : empty
        ? 'EMPTY ANSWER: the model returned no text.'
        : '',
    ...(completion.json === undefined ? {} : flattenJson(completion.json)),
    raw: compactRaw(completion.raw),
  };
}

export function pendingOutput(job: Job, model: string, note = PENDING_NOTE): AnswerOutput {
  return {
    id: job.id,
    status: 'pending',
    job_status: job.status,
    incomplete_reason: '',
    answer_empty: true,
    text: '',
    model,
    finish_reason: '',
    reasoning_summary: '',
    usage__prompt_tokens: 0,
    usage__completion_tokens: 0,
    usage__reasoning_tokens: 0,
    usage__total_tokens: 0,
    ...noCost('not billed yet: the job is still running'),
    request_id: '',
    note,
    raw: { id: job.id, status: job.status },
  };
}

/** Labels for the fields Zapier offers to later steps. */
export const answerOutputFields = [
  { key: 'id', label: 'Job ID' },
  { key: 'status', label: 'Status (completed, incomplete or pending)' },
  { key: 'job_status', label: 'Job Status (as ModelStream reports it)' },
  { key: 'incomplete_reason', label: 'Incomplete Reason (e.g. max_output_tokens)' },
  { key: 'answer_empty', label: 'Answer Is Empty', type: 'boolean' as const },
  { key: 'text', label: 'Answer' },
  { key: 'model', label: 'Model' },
  { key: 'finish_reason', label: 'Finish Reason' },
  { key: 'reasoning_summary', label: 'Reasoning Summary' },
  { key: 'usage__prompt_tokens', label: 'Usage: Prompt Tokens', type: 'integer' as const },
  { key: 'usage__completion_tokens', label: 'Usage: Completion Tokens', type: 'integer' as const },
  { key: 'usage__reasoning_tokens', label: 'Usage: Reasoning Tokens', type: 'integer' as const },
  { key: 'usage__total_tokens', label: 'Usage: Total Tokens', type: 'integer' as const },
  { key: 'cost_input_usd', label: 'Cost: Input (USD)', type: 'number' as const },
  { key: 'cost_output_usd', label: 'Cost: Output (USD)', type: 'number' as const },
  { key: 'cost_total_usd', label: 'Cost: Total (USD)', type: 'number' as const },
  { key: 'cost_source', label: 'Cost: Prices Used' },
  { key: 'request_id', label: 'Request ID (for support)' },
  { key: 'note', label: 'Note' },
];

export const SAMPLE_JOB_ID = 'resp_sample_0000';

const SAMPLE_PRICES =
  "OpenAI's list prices for gpt-5.4-pro (ModelStream applies its own multipliers, not published); up to 272,000 input tokens";

/** What a finished answer looks like; also what the Zap editor's test returns without calling the model. */
export const sampleAnswer: AnswerOutput = {
  id: SAMPLE_JOB_ID,
  status: 'completed',
  job_status: 'completed',
  incomplete_reason: '',
  answer_empty: false,
  text: 'Sample answer. Testing this step in the Zap editor does not call GPT-5.4 pro (a real answer takes minutes and costs money); the live Zap does.',
  model: 'gpt-5.4-pro',
  finish_reason: 'stop',
  reasoning_summary: 'Sample reasoning summary.',
  usage__prompt_tokens: 12,
  usage__completion_tokens: 34,
  usage__reasoning_tokens: 20,
  usage__total_tokens: 46,
  cost_input_usd: 0.00036,
  cost_output_usd: 0.00612,
  cost_total_usd: 0.00648,
  cost_source: SAMPLE_PRICES,
  request_id: 'req_sample',
  note: '',
  raw: { id: SAMPLE_JOB_ID, object: 'response', status: 'completed', output_items: ['reasoning', 'message'] },
};

export const samplePending: AnswerOutput = pendingOutput(
  { id: SAMPLE_JOB_ID, status: 'queued' },
  'gpt-5.4-pro',
);
