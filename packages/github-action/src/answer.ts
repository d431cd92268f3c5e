import * as core from '@actions/core';
import {
  AbortedError,
  type Completion,
  type Delivery,
  type ModelStreamClient,
  TimeoutError,
} from '@modelstream-kit/core';
import { callModel } from './call-model.js';
import type { CommentSession } from './comment/comment-session.js';
import type { RunDecision } from './comment/marker.js';
import type { PreparedDiff } from './diff/prepare-diff.js';
import { errorMessage, errorTitle, inActionWords } from './failure.js';
import { formatCount, formatMinutes } from './format.js';
import { setOutputs, writeStepSummary } from './report.js';
import type { Scrub } from './secrets.js';

export interface AskInput {
  title: string;
  client: ModelStreamClient;
  session: CommentSession;
  decision: Exclude<RunDecision, { kind: 'skip' }>;
  params: Record<string, unknown>;
  delivery: Delivery;
  timeoutMs: number;
  /** The first cancel signal: cancel the job upstream and say so. */
  signal: AbortSignal;
  /** The second signal: the comment's final word now, then `exit`. */
  force: AbortSignal | undefined;
  exit: ((code: number) => void) | undefined;
  estimate: string | undefined;
  /** Turns the model's answer into the comment's (incremental: the kept summary, then "since"). */
  compose?: ((completion: Completion) => Completion) | undefined;
  diff: PreparedDiff | undefined;
  runnerTemp: string;
  scrub: Scrub;
}

/** Keeps the comment ahead of a cancel: "cancelling…" at once, and a final word on a second signal. */
function watchCancel(input: AskInput): () => void {
  const { session, signal, force } = input;
  const job = () => session.marker.job;
  const onCancel = () => {
    core.info('Cancelling: the comment is updated first, then the job is cancelled upstream.');
    void session.cancelling(
      job()
        ? `The workflow run was cancelled: cancelling job \`${job()}\` upstream.`
        : 'The workflow run was cancelled before a job started.',
    );
  };
  const onForce = () => {
    const id = job();
    void session
      .finalNow(
        'Cancelled before the upstream cancel answered',
        id
          ? `Job \`${id}\` may still run upstream: the next run on this head collects it instead of paying again (or cancel it by its id).`
          : 'The run was stopped before a job started.',
      )
      .finally(() => input.exit?.(130));
  };
  signal.addEventListener('abort', onCancel, { once: true });
  force?.addEventListener('abort', onForce, { once: true });
  return () => {
    signal.removeEventListener('abort', onCancel);
    force?.removeEventListener('abort', onForce);
  };
}

/** The comment, outputs and step summary after the call failed; the error goes on to the annotation. */
async function reportCallFailure(input: AskInput, error: unknown): Promise<void> {
  const { session } = input;
  const message = errorMessage(error, input.scrub, input.delivery === 'background');
  if (error instanceof TimeoutError && error.phase === 'wait' && error.jobId) {
    // The job keeps running upstream; the marker keeps its id so the next run collects it.
    session.marker.job = error.jobId;
    await session.failure(
      `Still running after ${formatMinutes(input.timeoutMs)}`,
      `${message}\nRe-run this workflow to collect the answer: the job is not started (nor paid for) again.`,
    );
  } else {
    const cancelled = error instanceof AbortedError;
    const unconfirmed = cancelled && error.jobId !== undefined && error.jobCancelled !== true;
    // A job whose cancel was not confirmed may still run: the marker keeps it for the next run to collect.
    session.marker.state = unconfirmed ? 'running' : cancelled ? 'cancelled' : 'failed';
    if (error instanceof Error && 'jobId' in error && typeof error.jobId === 'string')
      session.marker.job = error.jobId;
    await session.failure(cancelled ? 'Cancelled' : `The model call failed (${errorTitle(error)})`, message);
  }
  await setOutputs(
    { skipped: false, commentUrl: session.url, diff: input.diff },
    input.runnerTemp,
    input.scrub,
  );
  await writeStepSummary(
    {
      title: input.title,
      status: `**${errorTitle(error)}**: ${message}`,
      estimate: input.estimate,
      diff: input.diff,
      commentUrl: session.url,
    },
    input.scrub,
  );
}

/** Asks the model (or collects the earlier run's job), keeping the comment up to date at every step. */
export async function askModel(input: AskInput): Promise<void> {
  const { session, decision } = input;
  const marker = session.marker;
  let note: string | undefined;
  if (decision.kind === 'resume') {
    marker.job = decision.job;
    note = `Collecting ${decision.reason} (no new charge).`;
    core.info(note);
  }
  const stopWatching = watchCancel(input);
  let completion: Completion;
  try {
    // Cancelled while the prompt was gathered: nothing is started (a job would be paid for nothing).
    if (input.signal.aborted)
      throw new AbortedError('The run was cancelled before the request was sent; nothing was started.');
    await session.inProgress(note);
    let lastPollLog = 0;
    completion = await callModel(input.client, {
      params: input.params,
      delivery: input.delivery,
      resumeJob: decision.kind === 'resume' ? decision.job : undefined,
      timeoutMs: input.timeoutMs,
      signal: input.signal,
      onJob: async (id) => {
        marker.job = id;
        await session.inProgress(`Background job \`${id}\`.`);
        core.info(
          `Background job ${id} started${session.enabled ? ' and recorded in the comment' : ''}; waiting up to ${formatMinutes(input.timeoutMs)}.`,
        );
      },
      onRetry: (info) =>
        core.info(
          `ModelStream: attempt ${info.attempt} failed (${input.scrub(info.error.message.split('\n')[0] ?? '')}); retrying in ${Math.round(info.delayMs / 1000)} s`,
        ),
      onPoll: (status, elapsed) => {
        if (elapsed - lastPollLog < 30_000) return;
        lastPollLog = elapsed;
        core.info(`Job ${marker.job}: ${status} after ${Math.round(elapsed / 1000)} s`);
      },
      onNotice: (message) => core.info(`ModelStream: ${input.scrub(inActionWords(message))}`),
    });
  } catch (error) {
    await reportCallFailure(input, error);
    throw error;
  } finally {
    stopWatching();
  }

  marker.state = 'done';
  marker.job = completion.id;
  if (input.compose) completion = input.compose(completion);
  await session.answer(completion);
  const cost = completion.cost;
  core.info(
    `Answer: ${formatCount(completion.text.length)} characters; tokens ${formatCount(completion.usage.prompt_tokens)} in, ` +
      `${formatCount(completion.usage.completion_tokens)} out, ${formatCount(completion.usage.total_tokens)} total` +
      `${cost ? `; cost $${cost.total} (${cost.source})` : ''}.`,
  );
  await setOutputs(
    { completion, skipped: false, commentUrl: session.url, diff: input.diff },
    input.runnerTemp,
    input.scrub,
  );
  await writeStepSummary(
    { title: input.title, completion, estimate: input.estimate, diff: input.diff, commentUrl: session.url },
    input.scrub,
  );
}
