import { randomBytes } from 'node:crypto';
import { type Answer, answerText } from './answer.js';
import type { ChatRequest } from './chat-request.js';
import { responsesUsage } from './shapes.js';

export type JobStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'incomplete';

/** How a job ends when it runs to its end time (faults make it fail or be cancelled). */
export type JobEnding = { kind: 'answer' } | { kind: 'fail'; message: string } | { kind: 'cancel' };

export interface Job {
  id: string;
  /** The random part of the id, shared by the ids of its output items. */
  key: string;
  model: string;
  createdAt: number;
  startedAt: number;
  durationMs: number;
  answer: Answer;
  format: 'text' | 'json_object';
  reasoningEffort: string;
  reasoningSummary: string | null;
  maxOutputTokens: number | null;
  topic?: string;
  ending: JobEnding;
  cancelledAt?: number;
}

/** Share of a job's time spent queued before it shows `in_progress`. */
const QUEUED_SHARE = 0.2;

/**
 * Background jobs, computed from timestamps when asked: no timer per job, so thousands of jobs cost only
 * their records. The prompt is not kept, only the answer that was made for it.
 */
export class JobStore {
  readonly #jobs = new Map<string, Job>();
  readonly #maxJobs: number;
  readonly #now: () => number;

  constructor(options: { maxJobs?: number; now?: () => number } = {}) {
    this.#maxJobs = options.maxJobs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#jobs.size;
  }

  create(
    request: ChatRequest,
    answer: Answer,
    durationMs: number,
    ending: JobEnding,
    idPrefix = 'resp_',
  ): Job {
    const now = this.#now();
    const key = randomBytes(12).toString('hex');
    const job: Job = {
      id: `${idPrefix}${key}`,
      key,
      model: request.model,
      createdAt: now,
      startedAt: now,
      durationMs: Math.max(0, durationMs),
      answer,
      format: request.responseFormat,
      reasoningEffort: request.reasoningEffort,
      reasoningSummary: request.reasoningSummary ?? null,
      maxOutputTokens: request.maxOutputTokens ?? null,
      ...(request.topic ? { topic: request.topic } : {}),
      ending,
    };
    if (this.#jobs.size >= this.#maxJobs) {
      this.#jobs.delete(this.#jobs.keys().next().value as string);
    }
    this.#jobs.set(job.id, job);
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Cancels a job that has not ended; an ended job is left as it was. */
  cancel(id: string): Job | undefined {
    const job = this.#jobs.get(id);
    if (job && !isTerminal(this.status(job))) job.cancelledAt = this.#now();
    return job;
  }

  clear(): void {
    this.#jobs.clear();
  }

  status(job: Job): JobStatus {
    if (job.cancelledAt !== undefined) return 'cancelled';
    const elapsed = this.#now() - job.startedAt;
    if (elapsed >= job.durationMs) {
      if (job.ending.kind === 'fail') return 'failed';
      if (job.ending.kind === 'cancel') return 'cancelled';
      return job.answer.finishReason === 'length' ? 'incomplete' : 'completed';
    }
    return elapsed < job.durationMs * QUEUED_SHARE ? 'queued' : 'in_progress';
  }

  /** When the job ended (epoch ms), if it has. */
  endedAt(job: Job, status: JobStatus = this.status(job)): number | undefined {
    return job.cancelledAt ?? (isTerminal(status) ? job.startedAt + job.durationMs : undefined);
  }

  /** The job as a Responses object, as `GET /v1/responses/{id}` answers it. */
  view(job: Job) {
    const status = this.status(job);
    const done = status === 'completed' || status === 'incomplete';
    const output: unknown[] = [];
    if (done) {
      if (job.answer.summary !== undefined || job.answer.reasoning) {
        output.push({
          id: `rs_${job.key}`,
          type: 'reasoning',
          summary: job.answer.summary ? [{ type: 'summary_text', text: job.answer.summary }] : [],
        });
      }
      output.push({
        id: `msg_${job.key}`,
        type: 'message',
        status: status === 'completed' ? 'completed' : 'incomplete',
        role: 'assistant',
        content: [{ type: 'output_text', text: answerText(job.answer), annotations: [] }],
      });
    }
    const endedAt = this.endedAt(job, status);
    return {
      id: job.id,
      object: 'response',
      created_at: Math.floor(job.createdAt / 1000),
      status,
      background: true,
      model: job.model,
      output,
      ...(done ? { output_text: answerText(job.answer) } : {}),
      usage: done ? responsesUsage(job.answer) : null,
      error:
        status === 'failed' && job.ending.kind === 'fail'
          ? { code: 'server_error', message: job.ending.message }
          : null,
      incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
      completed_at: endedAt !== undefined && status === 'completed' ? Math.floor(endedAt / 1000) : null,
      text: { format: { type: job.format } },
      reasoning: { effort: job.reasoningEffort, summary: job.reasoningSummary },
      max_output_tokens: job.maxOutputTokens,
      metadata: job.topic ? { topic: job.topic } : {},
      store: true,
    };
  }
}

export function isTerminal(status: JobStatus): boolean {
  return status !== 'queued' && status !== 'in_progress';
}
