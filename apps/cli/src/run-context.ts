import type { Writable } from 'node:stream';
import type { ProgressStream } from './progress.js';
import type { StdinLike } from './prompt-input.js';

/** What a command runs with: the process's streams and environment, and Ctrl-C as an AbortSignal. */
export interface RunContext {
  stdin: StdinLike;
  stdout: Writable;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborts on Ctrl-C once the command has said it can wind down by itself (see `abortable`). */
  signal: AbortSignal;
  /** From now on Ctrl-C aborts `signal` instead of ending the process at once. */
  abortable(): void;
  /** Strings never to print (the key), filled in once known. */
  secrets: string[];
}

/** A warning line on stderr, shown even with --quiet (something the person must know). */
export const warnTo =
  (ctx: RunContext) =>
  (line: string): void => {
    ctx.stderr.write(`modelstream: ${line}\n`);
  };
