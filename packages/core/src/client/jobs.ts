import type { Completion, Job, JobStatus } from '../completion.js';
import { readApiError } from '../errors/from-response.js';
import { InvalidResponseError, JobFailedError } from '../errors/response-errors.js';
import { AbortedError, TimeoutError } from '../errors/transport-errors.js';
import { redactSecrets } from '../redact.js';
import { getModelSpec } from '../spec/catalogue.js';
import { validateParams } from '../spec/validate.js';
import { type CallOptions, readJson, sendWithRetry } from './http-call.js';
import { jobStatusOf, normalizeCompletion } from './normalize-completion.js';
import type { PollOptions, ResolvedOptions } from './options.js';
import { buildRequestBody } from './request-body.js';

/** A poll gets at least this long, even when the wait's budget is nearly spent. */
const MIN_POLL_DEADLINE_MS = 2_000;

const TERMINAL: readonly JobStatus[] = ['completed', 'failed', 'cancelled', 'incomplete'];
export const isTerminal = (status: JobStatus): boolean => TERMINAL.includes(status);

export interface WaitOptions extends CallOptions {
  /** Longest time to wait for the job before giving up (it keeps running upstream). Default: the deadline. */
  maxWaitMs?: number | undefined;
  poll?: Partial<PollOptions> | undefined;
  /** Cancel the upstream job when the signal aborts. Default false: the job keeps running. */
  cancelOnAbort?: boolean | undefined;
  /** Called after each poll with the job's status. */
  onPoll?: ((job: Job, elapsedMs: number) => void) | undefined;
  /** Parse the answer as JSON (otherwise read from the job's own response_format, when it echoes one). */
  json?: boolean | undefined;
}

export interface JobSnapshot {
  job: Job;
  /** Present once the job has finished with an answer. */
  completion?: Completion;
  /** Present when the job ended as failed or cancelled. */
  error?: JobFailedError;
}

const pathFor = (template: string, id: string) => template.replace('{id}', encodeURIComponent(id));

export function readJob(payload: unknown): Job | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const { id } = payload as { id?: unknown };
  const status = jobStatusOf(payload);
  if (typeof id !== 'string' || !status) return undefined;
  if (Array.isArray((payload as { choices?: unknown }).choices) && !('status' in payload)) return undefined;
  return { id, status };
}

function echoesJson(payload: unknown): boolean {
  const p = payload as { response_format?: unknown; text?: { format?: { type?: unknown } } };
  return p?.response_format === 'json_object' || p?.text?.format?.type === 'json_object';
}

function jobFailure(opts: ResolvedOptions, payload: unknown, job: Job, requestId: string | undefined) {
  const api = readApiError(payload);
  const reason = api?.message ? ` Server said: ${redactSecrets(api.message, [opts.apiKey])}` : '';
  const jobStatus = job.status === 'failed' ? 'failed' : 'cancelled';
  return new JobFailedError(
    `Background job ${job.id} ${jobStatus === 'failed' ? 'failed' : 'was cancelled'}.${reason}`,
    {
      jobId: job.id,
      jobStatus,
      code: api?.code === undefined ? undefined : String(api.code),
      type: api?.type,
      requestId,
    },
  );
}

const endedWithoutAnswer = (job: Job) => job.status === 'failed' || job.status === 'cancelled';

/** The answer of a finished job, or the typed failure it ended with. */
export function completionOfTerminal(
  opts: ResolvedOptions,
  payload: unknown,
  job: Job,
  json: boolean | undefined,
  requestId: string | undefined,
): Completion {
  if (endedWithoutAnswer(job)) throw jobFailure(opts, payload, job, requestId);
  return normalizeCompletion(payload, { requestId, json: json ?? echoesJson(payload) });
}

export async function startJob(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: CallOptions = {},
): Promise<Job> {
  const model = getModelSpec(opts.model);
  const params = validateParams(model, { ...input, background: true, stream: undefined });
  const response = await sendWithRetry(
    opts,
    {
      method: 'POST',
      path: opts.completionsPath,
      body: buildRequestBody(model, params),
      headersMs: opts.timeouts.headersMs,
    },
    options,
  );
  const payload = await readJson(response);
  const job = readJob(payload);
  if (!job) {
    throw new InvalidResponseError(
      'ModelStream did not answer the background request with a job id and status.',
      {
        requestId: response.requestId,
      },
    );
  }
  return job;
}

export async function retrieveJob(
  opts: ResolvedOptions,
  id: string,
  options: CallOptions & { json?: boolean | undefined } = {},
): Promise<JobSnapshot> {
  const response = await sendWithRetry(
    opts,
    { method: 'GET', path: pathFor(opts.jobPath, id), headersMs: opts.timeouts.headersMs, jobId: id },
    { ...options, deadlineMs: options.deadlineMs ?? opts.timeouts.headersMs },
  );
  const payload = await readJson(response);
  const job =
    readJob(payload) ??
    (Array.isArray((payload as { choices?: unknown })?.choices)
      ? { id, status: 'completed' as const }
      : undefined);
  if (!job)
    throw new InvalidResponseError(`ModelStream answered the poll of job ${id} without a status.`, {
      requestId: response.requestId,
    });
  if (!isTerminal(job.status)) return { job };
  if (endedWithoutAnswer(job)) return { job, error: jobFailure(opts, payload, job, response.requestId) };
  return { job, completion: completionOfTerminal(opts, payload, job, options.json, response.requestId) };
}

export async function cancelJob(opts: ResolvedOptions, id: string, options: CallOptions = {}): Promise<Job> {
  const response = await sendWithRetry(
    opts,
    { method: 'POST', path: pathFor(opts.cancelPath, id), headersMs: opts.timeouts.headersMs, jobId: id },
    { ...options, deadlineMs: options.deadlineMs ?? opts.timeouts.headersMs },
  );
  const payload = await readJson(response);
  return readJob(payload) ?? { id, status: 'cancelled' };
}

/**
 * Polls a job until it ends, with growing pauses, within `maxWaitMs`. On abort the job is cancelled only
 * when asked; on running out of time it keeps running upstream and the error names it for later.
 */
export async function waitForJob(
  opts: ResolvedOptions,
  id: string,
  options: WaitOptions = {},
): Promise<Completion> {
  const { clock } = opts;
  const poll = { ...opts.poll, ...options.poll };
  const startedAt = clock.now();
  const maxWaitMs = options.maxWaitMs ?? opts.timeouts.deadlineMs;
  let pause = poll.initialMs;
  let last: Job = { id, status: 'queued' };
  const waitTimeout = (job: Job) =>
    new TimeoutError(
      `Background job ${id} is still ${job.status} after ${Math.round((clock.now() - startedAt) / 1000)} s of waiting. ` +
        'It keeps running upstream: collect it later by its id, or cancel it.',
      { phase: 'wait', jobId: id, mayHaveRun: true },
    );
  try {
    for (;;) {
      const remaining = maxWaitMs - (clock.now() - startedAt);
      let snapshot: JobSnapshot;
      try {
        snapshot = await retrieveJob(opts, id, {
          signal: options.signal,
          json: options.json,
          onRetry: options.onRetry,
          deadlineMs: Math.min(opts.timeouts.headersMs, Math.max(remaining, MIN_POLL_DEADLINE_MS)),
        });
      } catch (error) {
        // A slow poll at the end of the budget is the budget running out, not a failed job.
        if (error instanceof TimeoutError && clock.now() - startedAt >= maxWaitMs) throw waitTimeout(last);
        throw error;
      }
      last = snapshot.job;
      options.onPoll?.(last, clock.now() - startedAt);
      if (snapshot.completion) return snapshot.completion;
      if (snapshot.error) throw snapshot.error;
      const left = maxWaitMs - (clock.now() - startedAt);
      if (left <= 0) throw waitTimeout(last);
      try {
        await clock.sleep(Math.min(pause, left), options.signal);
      } catch {
        throw new AbortedError(`Waiting for job ${id} was aborted.`, { jobId: id });
      }
      pause = Math.min(poll.maxMs, pause * poll.factor);
    }
  } catch (error) {
    if (error instanceof AbortedError && options.cancelOnAbort) {
      const cancelled = await cancelJob(opts, id, { deadlineMs: 15_000 }).then(
        () => true,
        () => false,
      );
      throw new AbortedError(
        cancelled
          ? `Waiting for job ${id} was aborted, and the job was cancelled upstream.`
          : `Waiting for job ${id} was aborted; cancelling it upstream failed, so it may still run.`,
        { jobId: id },
      );
    }
    if (error instanceof AbortedError) {
      throw new AbortedError(
        `Waiting for job ${id} was aborted; it keeps running upstream (collect or cancel it by its id).`,
        {
          jobId: id,
        },
      );
    }
    throw error;
  }
}
