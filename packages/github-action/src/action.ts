import * as core from '@actions/core';
import { run } from './run.js';

// The runner cancels a job with SIGINT, then SIGTERM: abort the run (which cancels the upstream job and
// updates the comment); a second signal exits at once.
const controller = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals++;
  if (signals > 1) process.exit(130);
  core.info(`Received ${signal}: cancelling the model call and updating the comment.`);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

run({ signal: controller.signal }).finally(() => {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (controller.signal.aborted) process.exitCode = 1;
});
