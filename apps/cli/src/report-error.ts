import {
  AbortedError,
  AuthenticationError,
  gpt54Pro,
  JobFailedError,
  ModelStreamError,
  PermissionDeniedError,
  redactSecrets,
  ValidationError,
} from '@modelstream-kit/core';
import { CommanderError } from 'commander';
import { EXIT_CODES, exitCodeFor } from './exit-codes.js';
import { flagOfField } from './param-flags.js';

function issueLines(error: ValidationError): string[] {
  return error.issues.map((issue) => {
    if (issue.field === 'prompt' && issue.value === undefined) {
      return `${issue.message}: give it as the argument (modelstream ask "...") or pipe it on stdin`;
    }
    const flag = flagOfField(gpt54Pro, issue.field);
    return flag ? `${issue.message} (${flag})` : issue.message;
  });
}

function hints(error: unknown): string[] {
  // Every error after a job's start carries its id: the job may still be running (and paid for).
  const jobId = error instanceof ModelStreamError ? error.jobId : undefined;
  const ended = error instanceof JobFailedError || (error instanceof AbortedError && error.jobCancelled);
  if (jobId && !ended) {
    return [`collect it later: modelstream wait ${jobId}`, `or stop it:        modelstream cancel ${jobId}`];
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return ['the key comes from --api-key-file or MODELSTREAM_API_KEY (ModelStream dashboard → API keys)'];
  }
  return [];
}

/** Prints a failure to stderr in words a person can act on (never the key) and returns the exit code. */
export function reportError(
  error: unknown,
  write: (text: string) => void,
  secrets: readonly string[],
): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message already.
    return ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)
      ? EXIT_CODES.ok
      : EXIT_CODES.invalidInput;
  }
  const lines =
    error instanceof ValidationError
      ? issueLines(error)
      : [error instanceof Error ? error.message : String(error), ...hints(error)];
  const [first, ...rest] = lines;
  const text = [`modelstream: ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
  write(`${redactSecrets(text, secrets)}\n`);
  return exitCodeFor(error);
}
