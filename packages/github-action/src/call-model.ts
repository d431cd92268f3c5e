import type { CallOptions, Completion, ModelStreamClient, RetryInfo } from '@modelstream-kit/core';

export interface CallPlan {
  params: Record<string, unknown>;
  /** A background job an earlier run started for the same request: collect it, start nothing. */
  resumeJob?: string | undefined;
  timeoutMs: number;
  signal: AbortSignal;
  /** Called once a background job exists (the comment records its id before the wait). */
  onJob: (id: string) => Promise<void>;
  onRetry: (info: RetryInfo) => void;
  onPoll?: (status: string, elapsedMs: number) => void;
  now?: () => number;
}

/**
 * One answer, paid for once: a background job (started, recorded, waited for within the timeout and
 * cancelled upstream if the run is), a resumed job, or a plain call when background mode is off.
 */
export async function callModel(client: ModelStreamClient, plan: CallPlan): Promise<Completion> {
  const now = plan.now ?? Date.now;
  const startedAt = now();
  const json = plan.params.response_format === 'json_object';
  const common: CallOptions = { signal: plan.signal, onRetry: plan.onRetry };
  const waitFor = (id: string) =>
    client.wait(id, {
      ...common,
      json,
      cancelOnAbort: true,
      maxWaitMs: Math.max(1, plan.timeoutMs - (now() - startedAt)),
      onPoll: (job, elapsed) => plan.onPoll?.(job.status, elapsed),
    });
  if (plan.resumeJob) return waitFor(plan.resumeJob);
  if (plan.params.background === true) {
    const job = await client.start(plan.params, {
      ...common,
      deadlineMs: Math.min(plan.timeoutMs, 5 * 60_000),
    });
    await plan.onJob(job.id);
    return waitFor(job.id);
  }
  return client.complete(plan.params, { ...common, deadlineMs: plan.timeoutMs });
}
