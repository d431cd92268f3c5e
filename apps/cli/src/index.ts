// The package's programmatic entry: run the command in-process and read its exit codes. Everything
// else (the README generator, the flag helpers) is internal.

/** @public */
export { EXIT_CODES, type ExitCode, exitCodeFor } from './exit-codes.js';
/** @public */
export { type CliIo, main, processIo } from './main.js';
