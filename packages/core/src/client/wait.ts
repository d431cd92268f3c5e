import type { Completion, Job } from '../completion.js';
import {
  AuthenticationError,
  BadRequestError,
  PermissionDeniedError,
  QuotaExceededError,
} from '../errors/http-errors.js';
import type { ModelStreamError } from '../errors/model-stream-error.js';
import { AbortedError, TimeoutError } from '../errors/transport-errors.js';
import { ValidationError } from '../errors/validation-error.js';
import { backoffDelay } from './backoff.js';
import { cancelJob, type JobSnapshot, retrieveJob, type WaitOptions, withJobId } from './jobs.js';
import type { ResolvedOptions } from './options.js';

/** A poll gets at least this long, even when the wait's budget is nearly spent. */
const MIN_POLL_DEADLINE_MS = 2_000;

/** Final for a poll: the key, the account or the request is wrong; polling again cannot help. */
const isFinalForPoll = (error: unknown) =>
  error instanceof AuthenticationError ||
  error instanceof PermissionDeniedError ||
  error instanceof QuotaExceededError ||
  error instanceof BadRequestError ||
  error instanceof ValidationError;

const collectHint = (id: string) =>
  `Job ${id} was started and may still be running: collect it later by its id.`;

/**
 * Polls a job until it ends, with growing pauses, within `maxWaitMs`. A poll is a read: any transient
 * failure (5xx, 429, a dropped or hung poll, a body that cannot be read) is retried with backoff for as
 * long as the wait's budget lasts. On abort the job is cancelled only when asked; every error names the job.
 */
export async function waitForJob(
  opts: ResolvedOptions,
  id: string,
  options: WaitOptions = {},
): Promise<Completion> {
  const { clock } = opts;
  const poll = { ...opts.poll, ...options.poll };
  const startedAt = clock.now();
  const elapsed = () => clock.now() - startedAt;
  const maxWaitMs = options.maxWaitMs ?? opts.timeouts.deadlineMs;
  let pause = poll.initialMs;
  let last: Job = { id, status: 'queued' };
  let failures = 0;
  const stillRunning = (cause?: ModelStreamError) =>
    new TimeoutError(
      `Background job ${id} is still ${last.status} after ${Math.round(elapsed() / 1000)} s of waiting` +
        `${cause ? ` (the last poll failed: ${cause.message})` : ''}. ` +
        'It keeps running upstream: collect it later by its id, or cancel it.',
      { phase: 'wait', jobId: id, mayHaveRun: true, requestId: cause?.requestId },
    );
  const pauseFor = async (ms: number) => {
    try {
      await clock.sleep(ms, options.signal);
    } catch {
      throw new AbortedError(`Waiting for job ${id} was aborted.`, { jobId: id });
    }
  };
  try {
    for (;;) {
      const remaining = maxWaitMs - elapsed();
      let snapshot: JobSnapshot;
      try {
        snapshot = await retrieveJob(opts, id, {
          signal: options.signal,
          json: options.json,
          onNotice: options.onNotice,
          maxRetries: 0,
          deadlineMs: Math.min(opts.timeouts.pollMs, Math.max(remaining, MIN_POLL_DEADLINE_MS)),
        });
      } catch (error) {
        if (options.signal?.aborted || error instanceof AbortedError) {
          throw new AbortedError(`Waiting for job ${id} was aborted.`, { jobId: id });
        }
        if (isFinalForPoll(error)) {
          const e = error as ModelStreamError;
          throw withJobId(Object.assign(e, { message: `${e.message} ${collectHint(id)}` }), id);
        }
        const failure = error as ModelStreamError;
        const hint = (failure as { retryAfterMs?: number }).retryAfterMs;
        const delayMs =
          hint !== undefined && hint > 0
            ? hint
            : Math.max(
                poll.initialMs,
                backoffDelay(failures, opts.backoff.baseMs, opts.backoff.maxMs, opts.random),
              );
        failures++;
        if (elapsed() + delayMs >= maxWaitMs) throw stillRunning(failure);
        options.onRetry?.({ attempt: failures, delayMs, error: failure });
        opts.logger?.debug('modelstream: poll failed, polling again', { jobId: id, delayMs });
        await pauseFor(delayMs);
        continue;
      }
      failures = 0;
      last = snapshot.job;
      options.onPoll?.(last, elapsed());
      if (snapshot.completion) return snapshot.completion;
      if (snapshot.error) throw snapshot.error;
      const left = maxWaitMs - elapsed();
      if (left <= 0) throw stillRunning();
      await pauseFor(Math.min(pause, left));
      pause = Math.min(poll.maxMs, pause * poll.factor);
    }
  } catch (error) {
    if (error instanceof AbortedError) {
      if (options.cancelOnAbort) {
        const cancelled = await cancelJob(opts, id, { deadlineMs: opts.timeouts.cancelMs }).then(
          () => true,
          () => false,
        );
        throw new AbortedError(
          cancelled
            ? `Waiting for job ${id} was aborted, and the job was cancelled upstream.`
            : `Waiting for job ${id} was aborted; cancelling it upstream failed, so it may still run (cancel it by its id).`,
          { jobId: id, jobCancelled: cancelled },
        );
      }
      throw new AbortedError(
        `Waiting for job ${id} was aborted; it keeps running upstream (collect or cancel it by its id).`,
        { jobId: id },
      );
    }
    throw withJobId(error, id);
  }
}
