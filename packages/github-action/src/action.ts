import * as core from '@actions/core';
import { run } from './run.js';

/** After the runner's SIGTERM, SIGKILL follows 2.5 s later: the comment's final word must land before. */
const FORCED_EXIT_MS = 2_200;

// The runner cancels a job with SIGINT, then SIGTERM 7.5 s later, then SIGKILL. The first signal aborts
// the run (the comment says "cancelling…", the upstream job is cancelled, the comment says how it went);
// the second writes the comment's final word if it is still owed, then exits.
const controller = new AbortController();
const force = new AbortController();
let signals = 0;
const exit = (code: number) => process.exit(code);
const onSignal = (signal: NodeJS.Signals) => {
  signals++;
  if (signals === 1) {
    core.info(`Received ${signal}: cancelling the model call and updating the comment.`);
    controller.abort();
  } else if (signals === 2) {
    core.info(`Received ${signal} again: writing the comment's final word and exiting.`);
    setTimeout(() => exit(130), FORCED_EXIT_MS).unref();
    force.abort();
  } else exit(130);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

run({ signal: controller.signal, force: force.signal, exit }).finally(() => {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (controller.signal.aborted) process.exitCode = 1;
});
