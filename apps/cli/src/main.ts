import type { Writable } from 'node:stream';
import { redactSecrets } from '@modelstream-kit/core';
import { EXIT_CODES } from './exit-codes.js';
import { buildProgram } from './program.js';
import type { ProgressStream } from './progress.js';
import type { StdinLike } from './prompt-input.js';
import { reportError } from './report-error.js';
import type { RunContext } from './run-context.js';

export interface CliIo {
  stdin: StdinLike;
  stdout: Writable;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Ends the process at once (a second Ctrl-C, or one before anything can be wound down). */
  exit: (code: number) => never;
}

export const processIo = (): CliIo => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  exit: (code) => process.exit(code),
});

/**
 * Runs the command line (without `node` and the script: `['ask', 'Hello']`) and returns the exit code.
 * Ctrl-C or SIGTERM (`timeout`, `docker stop`, a CI cancel) aborts the running call (a background job
 * is cancelled unless --keep-job); a second signal quits at once.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const controller = new AbortController();
  const secrets: string[] = [];
  let abortable = false;
  const writeErr = (text: string) => io.stderr.write(redactSecrets(text, secrets));
  const ctx: RunContext = {
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    env: io.env,
    cwd: io.cwd,
    signal: controller.signal,
    abortable: () => {
      abortable = true;
    },
    secrets,
  };
  let terminated = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGTERM' ? EXIT_CODES.terminated : EXIT_CODES.interrupted;
    if (!abortable || controller.signal.aborted) {
      writeErr(`\nmodelstream: ${signal === 'SIGTERM' ? 'terminated' : 'interrupted'}\n`);
      io.exit(code);
    }
    terminated = signal === 'SIGTERM';
    writeErr(
      `\nmodelstream: ${terminated ? 'terminated' : 'interrupted'}; winding down (${terminated ? 'a second signal' : 'Ctrl-C again'} quits at once)\n`,
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let exitCode: number = EXIT_CODES.ok;
  try {
    const program = buildProgram(
      ctx,
      (code) => {
        exitCode = code;
      },
      writeErr,
    );
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT_CODES.invalidInput;
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    exitCode = reportError(error, writeErr, secrets);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return terminated && exitCode === EXIT_CODES.interrupted ? EXIT_CODES.terminated : exitCode;
}
