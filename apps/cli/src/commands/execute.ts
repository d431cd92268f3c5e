import type { Completion, Delivery, ModelStreamClient, RetryInfo, RunResult } from '@modelstream-kit/core';
import { noticeInCliWords } from '../common-options.js';
import type { Progress } from '../progress.js';

export interface ExecuteOptions {
  signal: AbortSignal;
  progress: Progress;
  timeoutMs: number | undefined;
  maxWaitMs: number | undefined;
  maxRetries: number | undefined;
}

const retryOptions = (options: ExecuteOptions) => ({
  signal: options.signal,
  onRetry: (info: RetryInfo) => options.progress.retry(info),
  // The client adapting to the gateway (a job path found, an answer at once) is one line of progress.
  onNotice: (message: string) => options.progress.note(noticeInCliWords(message)),
  ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
});

const shorter = (...limits: (number | undefined)[]) => {
  const set = limits.filter((l): l is number => l !== undefined);
  return set.length > 0 ? Math.min(...set) : undefined;
};

export interface RunPlan {
  delivery: Exclude<Delivery, 'stream'>;
  /** Start the job and hand it back (`--no-wait`). */
  noWait?: boolean;
  /** Collect this job instead of starting one (`modelstream wait ID`). */
  resumeJob?: string;
  cancelOnAbort: boolean;
  json: boolean;
}

/**
 * A plain call, or a background job started (or resumed) and waited for, through the core's `run`, with
 * progress on stderr: the job's line starts as soon as its id is known.
 */
export async function executeRun(
  client: ModelStreamClient,
  params: Record<string, unknown>,
  plan: RunPlan,
  options: ExecuteOptions,
): Promise<RunResult> {
  const startedAt = Date.now();
  const { progress } = options;
  if (plan.resumeJob) progress.begin(`Job ${plan.resumeJob}`, { line: false });
  else if (plan.delivery === 'plain') progress.begin(`Waiting for ${client.model}`);
  else progress.begin(`Starting a background job on ${client.model}`);
  try {
    return await client.run(params, {
      ...retryOptions(options),
      delivery: plan.delivery,
      resumeJob: plan.resumeJob,
      json: plan.json,
      cancelOnAbort: plan.cancelOnAbort,
      ...(plan.noWait ? { within: 0 } : {}),
      deadlineMs: options.timeoutMs,
      startDeadlineMs: options.timeoutMs,
      maxWaitMs: shorter(options.maxWaitMs, options.timeoutMs),
      onJob: (job) => {
        if (plan.noWait) return;
        progress.end();
        progress.begin(`Job ${job.id}`, { line: false });
      },
      onPoll: (job) => progress.job(job, Date.now() - startedAt),
    });
  } finally {
    progress.end();
  }
}

/**
 * Streams the answer: each piece of text goes to `onText` as it arrives. Without `keepText` the text is
 * not kept for the final Completion, so a long answer piped through stays flat in memory.
 */
export async function executeStream(
  client: ModelStreamClient,
  params: Record<string, unknown>,
  options: ExecuteOptions,
  onText: (text: string) => void,
  keepText = true,
): Promise<Completion> {
  options.progress.begin(`Waiting for ${client.model} to start writing`);
  let first = true;
  try {
    for await (const event of client.stream(params, {
      ...retryOptions(options),
      deadlineMs: options.timeoutMs,
      keepText,
    })) {
      if (event.type === 'text-delta') {
        if (first) options.progress.end();
        first = false;
        onText(event.text);
      } else if (event.type === 'done') {
        return event.completion;
      }
    }
  } finally {
    options.progress.end();
  }
  throw new Error('The stream ended without its final event.');
}
