import {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  ModelStreamError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '@modelstream-kit/core';
import { CliError } from './cli-error.js';

/** The command's exit codes, by kind of failure: scripts branch on these. */
export const EXIT_CODES = {
  ok: 0,
  unexpected: 1,
  invalidInput: 2,
  auth: 3,
  quota: 4,
  rateLimited: 5,
  server: 6,
  timeout: 7,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** For --help and the README: code, then what it means. */
export const EXIT_CODE_HELP: readonly (readonly [ExitCode, string])[] = [
  [EXIT_CODES.ok, 'the answer was printed (or the job id, with --no-wait)'],
  [EXIT_CODES.invalidInput, 'invalid input: a bad flag value, no prompt, no key, or a 400 from ModelStream'],
  [EXIT_CODES.auth, 'authentication or permission: the key was refused (401) or lacks access (403)'],
  [EXIT_CODES.quota, 'quota exhausted (402): recharge the account or use another key'],
  [EXIT_CODES.rateLimited, 'rate limited (429) after every retry'],
  [EXIT_CODES.server, 'server or connection failure (5xx, refused, dropped, failed job, unreadable answer)'],
  [EXIT_CODES.timeout, 'timed out (--timeout, --max-wait); a background job keeps running, its id is shown'],
  [EXIT_CODES.interrupted, 'interrupted (Ctrl-C); a background job is cancelled unless --keep-job'],
  [EXIT_CODES.terminated, 'terminated (SIGTERM: timeout, docker stop, a CI cancel); handled like Ctrl-C'],
  [EXIT_CODES.unexpected, 'an unexpected internal error (please report it)'],
];

/** Maps the core's typed errors (and the CLI's own) to an exit code. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ValidationError || error instanceof BadRequestError) return EXIT_CODES.invalidInput;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return EXIT_CODES.auth;
  if (error instanceof QuotaExceededError) return EXIT_CODES.quota;
  if (error instanceof RateLimitError) return EXIT_CODES.rateLimited;
  if (error instanceof TimeoutError) return EXIT_CODES.timeout;
  if (error instanceof AbortedError) return EXIT_CODES.interrupted;
  // ServerError, ConnectionError, JobFailedError, StreamTruncatedError, InvalidResponseError.
  if (error instanceof ModelStreamError) return EXIT_CODES.server;
  return EXIT_CODES.unexpected;
}
