import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  DEFAULT_BASE_URL,
  InvalidResponseError,
  JobFailedError,
  ModelStreamError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  redactSecrets,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@modelstream-kit/core';
import type { ZObject } from 'zapier-platform-core';

/** Zapier reruns a throttled step after this many seconds when the server gave no hint. */
export const DEFAULT_THROTTLE_SECONDS = 60;

const ZAPIER_ERRORS = new Set([
  'AppError',
  'ThrottledError',
  'ExpiredAuthError',
  'RefreshAuthError',
  'HaltedError',
  'ResponseError',
]);

export const QUOTA_HALTED =
  'This run was halted, not errored: once the account is recharged, replay it from Zap history.';

const RECONNECT =
  'Reconnect your ModelStream account in Zapier (My Apps → ModelStream → Reconnect) with a valid API key.';

/** What the step knew when it failed: the job it started or collects, and whether it starts jobs. */
export interface ErrorContext {
  jobId?: string | undefined;
  /** A step that POSTs: rerunning it would start (and pay for) another job, so it is never throttled. */
  startsJobs?: boolean;
  /** The connection's base URL, to hint at a path that does not belong there. */
  baseUrl?: string | undefined;
}

/** A 404 for a route (not for a job) on a base URL with a path: the path is the likely mistake. */
export function baseUrlHint(error: unknown, baseUrl: string | undefined): string {
  if (!(error instanceof BadRequestError && error.status === 404) || !baseUrl) return '';
  if (error.code === 'not_found' || /(^|_)id$/.test(error.param ?? '')) return '';
  let path = '';
  try {
    path = new URL(baseUrl).pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
  } catch {
    return '';
  }
  if (path === '') return '';
  return ` The connection's Base URL ends in a path (${path}): the app adds /v1/... itself, so a Base URL is the server alone, such as ${DEFAULT_BASE_URL}. Reconnect with the path removed (a trailing /v1 alone is fine).`;
}

/** Where a started job is, and how to get it without paying again. */
export function jobNote(jobId: string, error: unknown, startsJobs: boolean): string {
  if (error instanceof JobFailedError) {
    return String((error as Error).message).includes(jobId) ? '' : ` (job ${jobId})`;
  }
  return startsJobs
    ? ` Job ${jobId} was started upstream and may still run (and be billed): collect it with a Find Completion step (Job ID ${jobId}) rather than replaying this step, which would start and pay for another one.`
    : ` Job ${jobId} is not lost: replay this step or run Find Completion again with Job ID ${jobId} later.`;
}

/**
 * The kit's typed errors as the Zapier errors that make Zapier do the right thing: bad input stops the
 * step with a clear message, an exhausted quota halts it, a dead key marks the connection expired so
 * Zapier asks the user to reconnect, a rate limit reschedules the step after the server's delay (never
 * once a step that POSTs has started a job). Every error after a start names the job. No secrets.
 */
export function toZapierError(
  z: ZObject,
  error: unknown,
  secrets: readonly (string | undefined)[],
  context: ErrorContext = {},
): Error {
  const name = (error as { name?: string })?.name;
  if (error instanceof Error && name && ZAPIER_ERRORS.has(name) && !(error instanceof ModelStreamError)) {
    return error;
  }
  const raw = error instanceof Error ? error.message : String(error);
  const jobId = (error instanceof ModelStreamError ? error.jobId : undefined) ?? context.jobId;
  const note = jobId ? jobNote(jobId, error, context.startsJobs === true) : '';
  // The core's own one-line "collect it later by its id" gives way to the Zapier way of collecting it.
  const said = note
    ? raw.replace(/ ?Job \S+ was started and may still be running: collect it later by its id\./, '')
    : raw;
  const message = redactSecrets(said, secrets) + baseUrlHint(error, context.baseUrl) + note;
  if (jobId && context.startsJobs && error instanceof RateLimitError) {
    return new z.errors.Error(message, 'rate_limited', 429);
  }
  if (error instanceof ValidationError) return new z.errors.Error(message, 'invalid_input', 400);
  if (error instanceof AuthenticationError) return new z.errors.ExpiredAuthError(`${message} ${RECONNECT}`);
  if (error instanceof PermissionDeniedError) {
    return new z.errors.Error(
      `${message} Check the key's IP allow-list and model access on the ModelStream dashboard, or reconnect with another key.`,
      'permission_denied',
      403,
    );
  }
  // Halted, not errored: only a person can recharge the account, so Zapier's autoreplay (errored runs
  // only) would spend its tries for nothing, and halted runs do not count toward turning the Zap off.
  if (error instanceof QuotaExceededError) {
    return new z.errors.HaltedError(`${message} ${QUOTA_HALTED}`);
  }
  if (error instanceof RateLimitError) {
    const seconds =
      error.retryAfterMs === undefined
        ? DEFAULT_THROTTLE_SECONDS
        : Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return new z.errors.ThrottledError(
      `${message} Zapier will try this step again in ${seconds} s.`,
      seconds,
    );
  }
  if (error instanceof ServerError) {
    return new z.errors.Error(
      `${message} The request was retried and kept failing; replay this run later.`,
      'server_error',
      error.status,
    );
  }
  if (error instanceof JobFailedError) return new z.errors.Error(message, 'job_failed');
  if (error instanceof TimeoutError || error instanceof ConnectionError) {
    const code = error.mayHaveRun
      ? 'may_have_run'
      : error instanceof TimeoutError
        ? 'timeout'
        : 'connection_failed';
    return new z.errors.Error(message, code);
  }
  if (error instanceof BadRequestError) {
    const why =
      error.param === 'background'
        ? " The Zapier app runs every prompt as a background job (an answer outlasts Zapier's 30-second step), so it cannot use a gateway that refuses them."
        : '';
    return new z.errors.Error(message + why, 'bad_request', error.status);
  }
  if (error instanceof InvalidResponseError) return new z.errors.Error(message, 'invalid_response');
  if (error instanceof ModelStreamError)
    return new z.errors.Error(message, 'modelstream_error', error.status);
  return new z.errors.Error(message, 'unexpected_error');
}
