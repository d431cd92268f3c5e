import type { Cost } from './cost/cost-of.js';

/** Token usage as ModelStream reports it (OpenAI's chat-completion names). */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; [key: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [key: string]: unknown };
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | (string & {});

/** A finished answer, whatever way it was fetched (plain, streamed or as a background job). */
export interface Completion {
  id: string;
  model: string;
  text: string;
  /** The parsed answer when `response_format` was `json_object`. */
  json?: unknown;
  reasoningSummary?: string;
  finishReason: FinishReason;
  /** `incomplete` when the answer was cut short (the token limit, a content filter): check before use. */
  status: 'completed' | 'incomplete';
  usage: Usage;
  /** What it cost at the prices in force (the spec's list prices unless set otherwise), and their source. */
  cost?: Cost;
  /** The server's request id (`x-request-id`), for support tickets. */
  requestId?: string;
  /** The final payload as the server sent it (for streams: the assembled chunks' last state). */
  raw: unknown;
}

export type JobStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'incomplete';

/** A background job as last seen. */
export interface Job {
  id: string;
  status: JobStatus;
}

export const emptyUsage = (): Usage => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
