import type { Completion, Job } from '../completion.js';
import { AbortedError, TimeoutError } from '../errors/transport-errors.js';
import { getModelSpec } from '../spec/catalogue.js';
import type { Delivery } from '../spec/param-spec.js';
import { validateParams } from '../spec/validate.js';
import { resolveDelivery, withDelivery } from '../surface/delivery.js';
import type { CallOptions } from './http-call.js';
import { cancelJob, type StartedJob, startJob, type WaitOptions, withJobId } from './jobs.js';
import type { ResolvedOptions } from './options.js';
import { completePlain } from './plain-call.js';
import { wantsJson } from './request-body.js';
import { collectStream } from './stream.js';
import { waitForJob } from './wait.js';

export type RunResult =
  | { status: 'completed'; completion: Completion; job?: Job }
  | { status: 'pending'; job: Job };

export interface RunOptions
  extends CallOptions,
    Pick<WaitOptions, 'onPoll' | 'poll' | 'cancelOnAbort' | 'maxWaitMs' | 'json'> {
  /**
   * The time the platform allows, in ms (Zapier's 30 s): the answer if it is ready by then, else the
   * pending job to collect later. 0 starts the job and hands it back at once. Without it, the wait lasts
   * `maxWaitMs` and running out of it is a TimeoutError naming the job.
   */
  within?: number | undefined;
  /** Collect this job, which an earlier run started for the same request, instead of starting one. */
  resumeJob?: string | undefined;
  /** Hears the job as soon as its id is known, before any waiting (record it somewhere safe). */
  onJob?: ((job: Job) => void | Promise<void>) | undefined;
  /** How the answer travels. Default: what the params ask for, else the model's preference. */
  delivery?: Delivery | undefined;
  /** Deadline of the POST that starts a job. Default: the time left of `within`, at most 5 minutes. */
  startDeadlineMs?: number | undefined;
  /**
   * When the signal aborts while the start POST is in flight, how long to wait for its answer so that
   * the new job's id is known (to cancel it, or to name it). Default 5 s.
   */
  startGraceMs?: number | undefined;
}

const START_DEADLINE_MS = 5 * 60_000;
const START_GRACE_MS = 5_000;

/** A signal that follows `signal` `graceMs` late: the start POST gets time to answer with its job id. */
function lateSignal(opts: ResolvedOptions, signal: AbortSignal | undefined, graceMs: number) {
  if (!signal) return { signal: undefined, dispose: () => {} };
  const controller = new AbortController();
  const pause = new AbortController();
  const onAbort = () => {
    opts.clock.sleep(graceMs, pause.signal).then(
      () => controller.abort(signal.reason),
      () => {},
    );
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      signal.removeEventListener('abort', onAbort);
      pause.abort();
    },
  };
}

/**
 * One answer, paid for once, for any surface: a background job started (its id handed to `onJob` at
 * once), a resumed job, or a plain or streamed call when that is the delivery. With `within`, a job that
 * is not done in time comes back pending. Every error after the job's start carries its id.
 */
export async function runWithin(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: RunOptions = {},
): Promise<RunResult> {
  const { clock } = opts;
  const model = getModelSpec(opts.model);
  const startedAt = clock.now();
  const left = () => (options.within === undefined ? undefined : options.within - (clock.now() - startedAt));
  // A resumed job's params are not known here: the job's own echoed response_format decides.
  const json = options.json ?? (options.resumeJob ? undefined : wantsJson(input));
  const waitFor = async (job: Job): Promise<RunResult> => {
    const remaining = left();
    if (remaining !== undefined && remaining <= 0) return { status: 'pending', job };
    try {
      const completion = await waitForJob(opts, job.id, {
        ...options,
        json,
        maxWaitMs: remaining ?? options.maxWaitMs,
      });
      return { status: 'completed', completion, job: { id: job.id, status: completion.status } };
    } catch (error) {
      if (remaining !== undefined && error instanceof TimeoutError && error.phase === 'wait') {
        return { status: 'pending', job: { id: job.id, status: 'in_progress' } };
      }
      throw error;
    }
  };
  if (options.resumeJob) return waitFor({ id: options.resumeJob, status: 'in_progress' });

  const delivery = options.delivery ?? resolveDelivery(model, input);
  const params = validateParams(model, withDelivery(input, delivery));
  if (delivery !== 'background') {
    const callOptions = { ...options, deadlineMs: options.within ?? options.deadlineMs };
    const completion =
      delivery === 'stream'
        ? await collectStream(opts, params, callOptions)
        : await completePlain(opts, params, callOptions);
    return { status: 'completed', completion };
  }
  // `within: 0` means "start it and hand it back": the start itself still gets its own deadline.
  const budget = left();
  const startDeadline =
    options.startDeadlineMs ??
    (budget !== undefined && budget > 0 ? Math.min(START_DEADLINE_MS, budget) : START_DEADLINE_MS);
  const late = lateSignal(opts, options.signal, options.startGraceMs ?? START_GRACE_MS);
  let job: StartedJob;
  try {
    job = await startJob(opts, params, { ...options, signal: late.signal, deadlineMs: startDeadline });
  } finally {
    late.dispose();
  }
  if (job.completion)
    return { status: 'completed', completion: job.completion, job: { id: job.id, status: 'completed' } };
  try {
    await options.onJob?.({ id: job.id, status: job.status });
  } catch (error) {
    opts.logger?.warn('modelstream: recording the job failed; it runs on', {
      jobId: job.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  if (options.signal?.aborted) return abortStarted(opts, job, options.cancelOnAbort === true);
  return waitFor(job);
}

/** The signal fired while the job was being started: cancel it if asked, and name it either way. */
async function abortStarted(opts: ResolvedOptions, job: Job, cancel: boolean): Promise<never> {
  if (cancel) {
    const cancelled = await cancelJob(opts, job.id, { deadlineMs: opts.timeouts.cancelMs }).then(
      () => true,
      () => false,
    );
    throw new AbortedError(
      cancelled
        ? `Aborted while job ${job.id} was starting; the job was cancelled upstream.`
        : `Aborted while job ${job.id} was starting; cancelling it upstream failed, so it may still run (cancel it by its id).`,
      { jobId: job.id, jobCancelled: cancelled },
    );
  }
  throw withJobId(
    new AbortedError(
      `Aborted after job ${job.id} started; it keeps running upstream (collect or cancel it by its id).`,
    ),
    job.id,
  );
}
