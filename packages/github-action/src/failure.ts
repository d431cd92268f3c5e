import * as core from '@actions/core';
import { AbortedError, ModelStreamError, ValidationError } from '@modelstream-kit/core';
import type { Scrub } from './secrets.js';

export function errorTitle(error: unknown): string {
  if (error instanceof AbortedError) return 'ModelStream: run cancelled';
  if (error instanceof ValidationError) return 'ModelStream: invalid input';
  if (error instanceof ModelStreamError) return `ModelStream: ${error.name}`;
  return 'ModelStream action failed';
}

/** The core names its settings; here they are inputs. */
export function inActionWords(message: string): string {
  return message
    .replace(/\bjobPath \(MODELSTREAM_JOB_PATH\)/g, 'the job-path input')
    .replace(/\bset jobPath\b/g, 'set the job-path input');
}

const BACKGROUND_HINT = /\s*For long answers use background mode, whose job can be collected later\./;

/**
 * An error in the words a person reads here, secrets scrubbed. In background mode the core's general
 * advice to use background mode is replaced by what it means for a job start that went silent.
 */
export function errorMessage(error: unknown, scrub: Scrub, background: boolean): string {
  let message = error instanceof Error ? error.message : String(error);
  if (background && BACKGROUND_HINT.test(message)) {
    message = message.replace(
      BACKGROUND_HINT,
      ' Background mode was on: if the job did start, its id never arrived, so it cannot be collected by a ' +
        'rerun; check the ModelStream dashboard before running again.',
    );
  }
  return scrub(inActionWords(message));
}

/** An error annotation in the core's words; `fail-on-error` decides the exit code. */
export function reportFailure(message: string, error: unknown, failOnError: boolean): void {
  core.error(message, { title: errorTitle(error) });
  if (failOnError) process.exitCode = core.ExitCode.Failure;
  else core.info('fail-on-error is false: the step succeeds despite the error above.');
}
