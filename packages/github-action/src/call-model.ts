import type { Completion, Delivery, Job, ModelStreamClient, RetryInfo } from '@modelstream-kit/core';

export interface CallPlan {
  params: Record<string, unknown>;
  delivery: Delivery;
  /** A background job an earlier run started for the same request: collect it, start nothing. */
  resumeJob?: string | undefined;
  timeoutMs: number;
  signal: AbortSignal;
  /** Called once a background job exists (the comment records its id before the wait). */
  onJob: (id: string) => Promise<void>;
  onRetry: (info: RetryInfo) => void;
  onPoll?: (status: string, elapsedMs: number) => void;
  onNotice?: (message: string) => void;
}

/**
 * One answer, paid for once, through the core's `run`: a background job (recorded as soon as its id is
 * known, waited for within the timeout, cancelled upstream if the run is), a resumed job, or a plain or
 * streamed call. A wait that outlives the timeout is a TimeoutError naming the job.
 */
export async function callModel(client: ModelStreamClient, plan: CallPlan): Promise<Completion> {
  const result = await client.run(plan.params, {
    delivery: plan.delivery,
    resumeJob: plan.resumeJob,
    maxWaitMs: plan.timeoutMs,
    deadlineMs: plan.timeoutMs,
    cancelOnAbort: true,
    // A start POST in flight when the run is cancelled gets 3 s to name its job, so that job can still be
    // cancelled within the runner's 7.5 s before SIGTERM.
    startGraceMs: 3_000,
    signal: plan.signal,
    onJob: (job: Job) => plan.onJob(job.id),
    onRetry: plan.onRetry,
    onPoll: (job, elapsed) => plan.onPoll?.(job.status, elapsed),
    ...(plan.onNotice ? { onNotice: plan.onNotice } : {}),
  });
  if (result.status === 'pending') throw new Error(`job ${result.job.id} is still pending`);
  return result.completion;
}
