import {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidResponseError,
  JobFailedError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  StreamTruncatedError,
  TimeoutError,
  ValidationError,
} from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { EXIT_CODE_HELP, EXIT_CODES, exitCodeFor } from './exit-codes.js';

describe('exit codes by error kind', () => {
  it.each([
    [new ValidationError([]), 2],
    [new BadRequestError('400', { status: 400 }), 2],
    [new CliError('bad flag'), 2],
    [new AuthenticationError('401', { status: 401 }), 3],
    [new PermissionDeniedError('403', { status: 403 }), 3],
    [new QuotaExceededError('402', { status: 402 }), 4],
    [new RateLimitError('429', { status: 429 }), 5],
    [new ServerError('500', { status: 500 }), 6],
    [new ConnectionError('refused'), 6],
    [new JobFailedError('failed', { jobId: 'r', jobStatus: 'failed' }), 6],
    [new StreamTruncatedError('cut', { partialText: '' }), 6],
    [new InvalidResponseError('garbled'), 6],
    [new TimeoutError('slow', { phase: 'deadline' }), 7],
    [new TimeoutError('still running', { phase: 'wait', jobId: 'r' }), 7],
    [new AbortedError('Ctrl-C'), 130],
    [new Error('bug'), 1],
  ])('%s → %i', (error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it('documents every code it can return', () => {
    expect(EXIT_CODE_HELP.map(([code]) => code).sort()).toEqual(Object.values(EXIT_CODES).sort());
  });
});
