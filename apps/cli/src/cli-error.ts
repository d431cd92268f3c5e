import type { ExitCode } from './exit-codes.js';

/** A failure the CLI itself found (a flag, a file, a missing key), with the exit code it ends with. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
