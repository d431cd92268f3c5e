import type { Completion, ModelStreamClient, RetryInfo } from '@modelstream-kit/core';
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
  ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
});

/** One POST that waits for the whole answer. */
export async function executePlain(
  client: ModelStreamClient,
  params: Record<string, unknown>,
  options: ExecuteOptions,
): Promise<Completion> {
  options.progress.begin(`Waiting for ${client.model}`);
  try {
    return await client.complete(params, { ...retryOptions(options), deadlineMs: options.timeoutMs });
  } finally {
    options.progress.end();
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

/** Starts a background job; `onStarted` hears its id before any waiting. */
export async function startBackground(
  client: ModelStreamClient,
  params: Record<string, unknown>,
  options: ExecuteOptions,
): Promise<{ id: string; status: string; startedAt: number }> {
  const startedAt = Date.now();
  options.progress.begin(`Starting a background job on ${client.model}`);
  try {
    const job = await client.start(params, {
      ...retryOptions(options),
      ...(options.timeoutMs === undefined ? {} : { deadlineMs: options.timeoutMs }),
    });
    return { ...job, startedAt };
  } finally {
    options.progress.end();
  }
}

/** Waits for a job with progress; Ctrl-C cancels it upstream when `cancelOnAbort`. */
export async function waitBackground(
  client: ModelStreamClient,
  id: string,
  options: ExecuteOptions & { cancelOnAbort: boolean; json: boolean; startedAt: number },
): Promise<Completion> {
  const spent = Date.now() - options.startedAt;
  const budgets = [
    options.maxWaitMs,
    options.timeoutMs === undefined ? undefined : options.timeoutMs - spent,
  ];
  const limits = budgets.filter((b): b is number => b !== undefined);
  options.progress.begin(`Job ${id}`, { line: false });
  try {
    return await client.wait(id, {
      ...retryOptions(options),
      cancelOnAbort: options.cancelOnAbort,
      json: options.json,
      onPoll: (job, elapsedMs) => options.progress.job(job, elapsedMs + spent),
      ...(limits.length > 0 ? { maxWaitMs: Math.max(0, Math.min(...limits)) } : {}),
    });
  } finally {
    options.progress.end();
  }
}
