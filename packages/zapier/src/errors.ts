import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
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

const RECONNECT =
  'Reconnect your ModelStream account in Zapier (My Apps → ModelStream → Reconnect) with a valid API key.';

/**
 * The kit's typed errors as the Zapier errors that make Zapier do the right thing: bad input and quota
 * stop the step with a clear message, a dead key marks the connection expired so Zapier asks the user to
 * reconnect, a rate limit reschedules the step after the server's delay. No message carries a secret.
 */
export function toZapierError(z: ZObject, error: unknown, secrets: readonly (string | undefined)[]): Error {
  const name = (error as { name?: string })?.name;
  if (error instanceof Error && name && ZAPIER_ERRORS.has(name) && !(error instanceof ModelStreamError)) {
    return error;
  }
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecrets(raw, secrets);
  if (error instanceof ValidationError) return new z.errors.Error(message, 'invalid_input', 400);
  if (error instanceof AuthenticationError) return new z.errors.ExpiredAuthError(`${message} ${RECONNECT}`);
  if (error instanceof PermissionDeniedError) {
    return new z.errors.Error(
      `${message} Check the key's IP allow-list and model access on the ModelStream dashboard, or reconnect with another key.`,
      'permission_denied',
      403,
    );
  }
  if (error instanceof QuotaExceededError) return new z.errors.Error(message, 'quota_exhausted', 402);
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
  if (error instanceof BadRequestError) return new z.errors.Error(message, 'bad_request', error.status);
  if (error instanceof InvalidResponseError) return new z.errors.Error(message, 'invalid_response');
  if (error instanceof ModelStreamError)
    return new z.errors.Error(message, 'modelstream_error', error.status);
  return new z.errors.Error(message, 'unexpected_error');
}
