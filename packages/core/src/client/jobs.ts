import type { Completion, Job } from '../completion.js';
import { BadRequestError } from '../errors/http-errors.js';
import { ModelStreamError } from '../errors/model-stream-error.js';
import { InvalidResponseError, type JobFailedError } from '../errors/response-errors.js';
import { getModelSpec } from '../spec/catalogue.js';
import { validateParams } from '../spec/validate.js';
import { withDelivery } from '../surface/delivery.js';
import { type CallOptions, postForm, readJson, sendWithRetry } from './http-call.js';
import { JOB_PATH_CANDIDATES, notice, pathFor, saysJobNotFound } from './job-paths.js';
import {
  completionOfTerminal,
  endedWithoutAnswer,
  isFinishedChatCompletion,
  isTerminal,
  jobFailure,
  readJob,
} from './job-payload.js';
import { normalizeCompletion } from './normalize-completion.js';
import type { PollOptions, ResolvedOptions } from './options.js';
import { wantsJson } from './request-body.js';

export { completionOfTerminal, isTerminal, readJob };

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

/** A started job; `completion` is there when the gateway answered the background request at once. */
export interface StartedJob extends Job {
  completion?: Completion;
}

/**
 * Starts a background job. A gateway that ignores `background` and answers with the finished
 * completion has answered: that paid answer comes back on `completion` (status `completed`).
 */
export async function startJob(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: CallOptions = {},
): Promise<StartedJob> {
  const model = getModelSpec(opts.model);
  const params = validateParams(model, withDelivery(input, 'background'));
  let response: Awaited<ReturnType<typeof sendWithRetry>>;
  try {
    response = await postForm(opts, params, opts.timeouts.headersMs, options);
  } catch (error) {
    if (error instanceof BadRequestError && error.param === 'background') {
      error.message +=
        ' This gateway does not run background jobs: set background to false (CLI --no-background, action ' +
        'input background: false, the Background option in n8n) to ask directly. Nothing was started.';
    }
    throw error;
  }
  const payload = await readJson(response, opts);
  const secrets = [opts.apiKey, ...opts.secrets];
  if (isFinishedChatCompletion(payload)) {
    const completion = normalizeCompletion(payload, {
      requestId: response.requestId,
      json: wantsJson(params),
    });
    notice(
      opts,
      options,
      'the gateway answered the background request at once (it ran in the foreground): the answer is here, no job to collect',
    );
    return { id: completion.id, status: 'completed', completion };
  }
  const job = readJob(payload);
  if (!job) {
    throw new InvalidResponseError(
      'ModelStream did not answer the background request with a job id and status.',
      { requestId: response.requestId },
    );
  }
  if (isTerminal(job.status) && !endedWithoutAnswer(job)) {
    const completion = completionOfTerminal(payload, job, {
      json: wantsJson(params),
      requestId: response.requestId,
      secrets,
    });
    return { ...job, completion };
  }
  if (endedWithoutAnswer(job)) throw jobFailure(payload, job, response.requestId, secrets);
  return job;
}

async function retrieveAt(
  opts: ResolvedOptions,
  template: string,
  id: string,
  options: CallOptions & { json?: boolean | undefined },
): Promise<JobSnapshot> {
  const response = await sendWithRetry(
    opts,
    { method: 'GET', path: pathFor(template, id), headersMs: opts.timeouts.pollMs, jobId: id },
    { ...options, deadlineMs: options.deadlineMs ?? opts.timeouts.headersMs },
  );
  const payload = await readJson(response, opts);
  const job =
    readJob(payload) ??
    (isFinishedChatCompletion(payload) ? { id, status: 'completed' as const } : undefined);
  if (!job)
    throw new InvalidResponseError(`ModelStream answered the poll of job ${id} without a status.`, {
      requestId: response.requestId,
      jobId: id,
    });
  const secrets = [opts.apiKey, ...opts.secrets];
  if (!isTerminal(job.status)) return { job };
  if (endedWithoutAnswer(job)) return { job, error: jobFailure(payload, job, response.requestId, secrets) };
  return {
    job,
    completion: completionOfTerminal(payload, job, {
      json: options.json,
      requestId: response.requestId,
      secrets,
    }),
  };
}

const routeMissing = (error: unknown): error is BadRequestError =>
  error instanceof BadRequestError && error.status === 404 && !saysJobNotFound(error);

/**
 * The job as the gateway has it. A 404 for the route itself (not for the job) makes the client try the
 * other paths gateways serve jobs at; the one that answers is kept for the client's later calls, and
 * said in one line. When none does, the error names the job, the paths tried and the setting.
 */
export async function retrieveJob(
  opts: ResolvedOptions,
  id: string,
  options: CallOptions & { json?: boolean | undefined } = {},
): Promise<JobSnapshot> {
  const current = opts.jobPaths.poll;
  try {
    return await retrieveAt(opts, current, id, options);
  } catch (error) {
    if (!routeMissing(error)) throw error;
    const tried = [current];
    if (!opts.jobPaths.given) {
      for (const candidate of JOB_PATH_CANDIDATES.filter((c) => c.poll !== current)) {
        tried.push(candidate.poll);
        try {
          const snapshot = await retrieveAt(opts, candidate.poll, id, options);
          opts.jobPaths = { ...candidate, given: false };
          notice(
            opts,
            options,
            `jobs are served at ${candidate.poll} on this gateway, not ${current}: using it (set jobPath to ${candidate.poll} to skip this check)`,
          );
          return snapshot;
        } catch (other) {
          if (!routeMissing(other)) throw other;
        }
      }
    }
    error.message +=
      ` Job ${id} was started, but polling it answered 404 at ${tried.map((t) => `GET ${t}`).join(' and ')}: ` +
      'this gateway serves background jobs somewhere else, or not at all. Set jobPath (MODELSTREAM_JOB_PATH) to ' +
      'where it does, or set background to false to ask directly. The job may still run and be billed.';
    throw withJobId(error, id);
  }
}

export async function cancelJob(opts: ResolvedOptions, id: string, options: CallOptions = {}): Promise<Job> {
  const response = await sendWithRetry(
    opts,
    {
      method: 'POST',
      path: pathFor(opts.jobPaths.cancel, id),
      headersMs: opts.timeouts.headersMs,
      jobId: id,
    },
    { ...options, deadlineMs: options.deadlineMs ?? opts.timeouts.headersMs },
  );
  const payload = await readJson(response, opts);
  return readJob(payload) ?? { id, status: 'cancelled' };
}

/** The error, marked with the job it concerns (every error after a start carries the job's id). */
export function withJobId<E>(error: E, id: string): E {
  if (error instanceof ModelStreamError && error.jobId === undefined) {
    Object.defineProperty(error, 'jobId', { value: id, enumerable: true, configurable: true });
  }
  return error;
}
