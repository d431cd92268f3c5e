import * as core from '@actions/core';
import type { ModelStreamClient } from '@modelstream-kit/core';
import { storedAnswer } from './comment/render-comment.js';
import type { FoundComment } from './comment/sticky-comment.js';
import type { PreparedDiff } from './diff/prepare-diff.js';
import { setOutputs, writeStepSummary } from './report.js';
import type { Scrub } from './secrets.js';

export interface SkipInput {
  title: string;
  reason: string;
  existing: FoundComment | undefined;
  client: ModelStreamClient;
  diff: PreparedDiff | undefined;
  runnerTemp: string;
  scrub: Scrub;
}

const TRIMMED_TEXT_NOTE =
  '[modelstream-kit: this is the comment’s copy, trimmed to fit a comment; the whole answer could not be ' +
  'fetched again by its id. Set force: true to ask again.]';

/**
 * The answer a skipped rerun hands on: the comment's copy, or, when that copy was trimmed to fit a
 * comment, the whole answer fetched again by its job id (a read, not a new request). If that cannot be
 * done, the copy says it was trimmed.
 */
async function wholeAnswer(input: SkipInput): Promise<string | undefined> {
  const stored = storedAnswer(input.existing?.comment.body);
  if (!stored?.trimmed) return stored?.text;
  const job = input.existing?.marker.job;
  if (job) {
    try {
      const snapshot = await input.client.retrieve(job);
      if (snapshot.completion?.text) {
        core.info(`The comment holds a trimmed copy: the whole answer was fetched again from job ${job}.`);
        return snapshot.completion.text;
      }
    } catch (error) {
      core.warning(
        `The comment's answer was trimmed and job ${job} could not be fetched again: ${input.scrub((error as Error).message)}`,
      );
    }
  }
  core.warning('The `text` output is the comment’s trimmed copy of the answer (it says so at its end).');
  return `${stored.text}\n\n${TRIMMED_TEXT_NOTE}`;
}

/** A rerun whose answer is already in the comment: no model call, the comment's answer as outputs. */
export async function reportSkipped(input: SkipInput): Promise<void> {
  core.info(`Skipped: ${input.reason} (no model call; set force: true to ask again).`);
  const text = await wholeAnswer(input);
  const commentUrl = input.existing?.comment.html_url;
  await setOutputs(
    { text, skipped: true, commentUrl, diff: input.diff, responseId: input.existing?.marker.job },
    input.runnerTemp,
    input.scrub,
  );
  await writeStepSummary(
    {
      title: input.title,
      status: `Skipped: ${input.reason}. No model call was made.`,
      text,
      diff: input.diff,
      commentUrl,
    },
    input.scrub,
  );
}
