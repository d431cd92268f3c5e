import { backgroundJob } from './steps/background-job.js';
import { imagePrompt } from './steps/image-prompt.js';
import { jsonAnswer } from './steps/json-answer.js';
import { pullRequestSummary } from './steps/pull-request-summary.js';
import { streamedAnswer } from './steps/streamed-answer.js';
import { usageAndJobs } from './steps/usage-and-jobs.js';

/** The demo, in order. A new step is one file in steps/ and one line here. */
export const demoSteps = [
  imagePrompt,
  streamedAnswer,
  backgroundJob,
  jsonAnswer,
  usageAndJobs,
  pullRequestSummary,
];
