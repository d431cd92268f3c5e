import {
  AuthenticationError,
  ConnectionError,
  JobFailedError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { errors, type ZObject } from 'zapier-platform-core';
import { DEFAULT_THROTTLE_SECONDS, toZapierError } from './errors.js';

const z = { errors } as unknown as ZObject;
const KEY = 'sk-test-not-a-real-key';

/** Zapier's AppError and ThrottledError carry their fields as JSON in the message. */
const fieldsOf = (error: Error) => JSON.parse(error.message) as Record<string, unknown>;

describe('toZapierError', () => {
  it('bad input: an AppError coded invalid_input with the spec message', () => {
    const error = toZapierError(
      z,
      new ValidationError([
        { field: 'verbosity', value: 'x', allowed: 'low', message: 'verbosity: "x" is not allowed' },
      ]),
      [KEY],
    );
    expect(error.name).toBe('AppError');
    expect(fieldsOf(error)).toEqual({
      message: 'verbosity: "x" is not allowed',
      code: 'invalid_input',
      status: 400,
    });
  });

  it('401: the connection is expired, and the message says how to reconnect', () => {
    const error = toZapierError(
      z,
      new AuthenticationError(`ModelStream rejected the API key (401). ${KEY}`),
      [KEY],
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('Reconnect');
    expect(error.message).not.toContain(KEY);
  });

  it('403: permission_denied with what to check', () => {
    const error = toZapierError(z, new PermissionDeniedError('refused (403)', { status: 403 }), [KEY]);
    expect(fieldsOf(error)).toMatchObject({ code: 'permission_denied', status: 403 });
    expect(fieldsOf(error).message).toContain('allow-list');
  });

  it('402: halted (not errored, never a throttle), saying to replay once the account is recharged', () => {
    const error = toZapierError(z, new QuotaExceededError('ModelStream quota exhausted (402)'), [KEY]);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('ModelStream quota exhausted (402)');
    expect(error.message).toContain('replay it from Zap history');
  });

  it("429: a ThrottledError with the server's delay in whole seconds, or a default", () => {
    const hinted = toZapierError(z, new RateLimitError('rate limit', { retryAfterMs: 42_500 }), [KEY]);
    expect(hinted.name).toBe('ThrottledError');
    expect(fieldsOf(hinted).delay).toBe(43);
    const bare = toZapierError(z, new RateLimitError('rate limit'), [KEY]);
    expect(fieldsOf(bare).delay).toBe(DEFAULT_THROTTLE_SECONDS);
  });

  it('5xx after retries, failed jobs and may-have-run failures keep their meaning in the code', () => {
    expect(fieldsOf(toZapierError(z, new ServerError('upstream (503)', { status: 503 }), []))).toMatchObject({
      code: 'server_error',
      status: 503,
    });
    const job = new JobFailedError('Background job resp_1 failed.', { jobId: 'resp_1', jobStatus: 'failed' });
    expect(fieldsOf(toZapierError(z, job, [])).code).toBe('job_failed');
    const dropped = new ConnectionError('dropped', { mayHaveRun: true });
    expect(fieldsOf(toZapierError(z, dropped, [])).code).toBe('may_have_run');
    const timeout = new TimeoutError('no headers', { phase: 'connect' });
    expect(fieldsOf(toZapierError(z, timeout, [])).code).toBe('timeout');
  });

  it('passes Zapier errors through and never lets the key out of any other error', () => {
    const throttled = new errors.ThrottledError('wait', 30);
    expect(toZapierError(z, throttled, [KEY])).toBe(throttled);
    const error = toZapierError(z, new Error(`boom with Bearer ${KEY} and ${KEY}`), [KEY]);
    expect(error.message).not.toContain(KEY);
    expect(fieldsOf(error).code).toBe('unexpected_error');
  });
});
