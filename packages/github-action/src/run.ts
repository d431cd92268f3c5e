import * as core from '@actions/core';
import {
  AbortedError,
  type Completion,
  gpt54Pro,
  type ModelSpec,
  ModelStreamError,
  redactSecrets,
  TimeoutError,
  ValidationError,
  validateParams,
} from '@modelstream-kit/core';
import { closeDefaultAgent, createNodeClient } from '@modelstream-kit/core/node';
import { callModel } from './call-model.js';
import { decideRun, type Marker, requestHash } from './comment/marker.js';
import {
  answerComment,
  answerFromComment,
  type CommentContext,
  failureComment,
  inProgressComment,
} from './comment/render-comment.js';
import { CommentWriter, findMarkedComments, type IssueComment } from './comment/sticky-comment.js';
import { readConfig } from './config/read-config.js';
import { type GitHubContext, readContext } from './context.js';
import { manifestForMarkdown } from './diff/manifest-text.js';
import { formatCount, formatMinutes } from './format.js';
import { type Gathered, gatherPrompt } from './gather-prompt.js';
import { createCommentsApi } from './github/comments-api.js';
import { createGitHubClient, type GitHubClient } from './github/rest-client.js';
import { setOutputs, writeStepSummary } from './report.js';

export interface RunOptions {
  model?: ModelSpec;
  env?: NodeJS.ProcessEnv;
  /** Aborts the run (the entry point wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
}

function errorTitle(error: unknown): string {
  if (error instanceof AbortedError) return 'ModelStream: run cancelled';
  if (error instanceof ValidationError) return 'ModelStream: invalid input';
  if (error instanceof ModelStreamError) return `ModelStream: ${error.name}`;
  return 'ModelStream action failed';
}

/** An error annotation in the core's words; `fail-on-error` decides the exit code. */
function report(error: unknown, secrets: string[], failOnError: boolean): string {
  const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  core.error(message, { title: errorTitle(error) });
  if (failOnError) process.exitCode = core.ExitCode.Failure;
  else core.info('fail-on-error is false: the step succeeds despite the error above.');
  return message;
}

/** The whole action: inputs → prompt → (skip | resume | call) → comment, outputs, step summary. */
export async function run(options: RunOptions = {}): Promise<void> {
  const model = options.model ?? gpt54Pro;
  const env = options.env ?? process.env;
  const apiKey = core.getInput('api-key');
  if (apiKey) core.setSecret(apiKey); // first thing: the runner masks it in every later line
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  const secrets = [apiKey, token].filter(Boolean);
  const signal = options.signal ?? new AbortController().signal;
  const ctx = readContext(env);
  let failOnError = true;
  try {
    const config = readConfig(model, (name) => core.getInput(name), ctx.eventName);
    failOnError = config.failOnError;
    const gh =
      ctx.repository && config.githubToken
        ? // No abort signal: after a cancel the comment must still be updated (each request has its own timeout).
          createGitHubClient({ apiUrl: ctx.apiUrl, token: config.githubToken })
        : undefined;
    const gathered = await gatherPrompt(config, ctx, gh, (m) => core.info(m));
    const params = validateParams(model, {
      ...config.params,
      prompt: gathered.prompt,
      ...(gathered.systemPrompt?.trim() ? { system_prompt: gathered.systemPrompt } : {}),
    });
    const hash = requestHash(model.id, params);
    core.info(
      `Prompt: ${formatCount(gathered.prompt.length)} characters; request hash ${hash}; ` +
        `background ${params.background === true ? 'on' : 'off'}`,
    );
    await answer({ model, config, ctx, gh, gathered, params, hash, signal, secrets });
  } catch (error) {
    report(error, secrets, failOnError);
  } finally {
    await closeDefaultAgent().catch(() => {});
  }
}

interface AnswerInput {
  model: ModelSpec;
  config: ReturnType<typeof readConfig>;
  ctx: GitHubContext;
  gh: GitHubClient | undefined;
  gathered: Gathered;
  params: Record<string, unknown> & { prompt: string };
  hash: string;
  signal: AbortSignal;
  secrets: string[];
}

async function answer(input: AnswerInput): Promise<void> {
  const { model, config, ctx, gh, gathered, params, hash, signal, secrets } = input;
  const head = gathered.head ?? 'unknown';
  const manifest = gathered.diff ? manifestForMarkdown(gathered.diff) : undefined;
  const title = `ModelStream · ${model.label}`;

  // The comment: found across every page, trusted authors only.
  let writer: CommentWriter | undefined;
  let existing: { comment: IssueComment; marker: Marker } | undefined;
  if (config.comment !== 'off' && gathered.pr && gh && ctx.repository) {
    const api = createCommentsApi(gh, ctx.repository, gathered.pr.number);
    try {
      const marked = findMarkedComments(await api.list(), config.commentKey);
      existing = config.comment === 'sticky' ? marked[0] : marked.at(-1);
      writer = new CommentWriter(api, config.comment, existing?.comment);
    } catch (error) {
      core.warning(
        `Could not read the pull request's comments, so none will be written: ${(error as Error).message}`,
      );
    }
  }

  const decision = decideRun(existing?.marker, { head, hash }, config.force);
  if (decision.kind === 'skip') {
    const text = answerFromComment(existing?.comment.body);
    core.info(`Skipped: ${decision.reason} (no model call; set force: true to ask again).`);
    await setOutputs(
      {
        text,
        skipped: true,
        commentUrl: existing?.comment.html_url,
        diff: gathered.diff,
        responseId: existing?.marker.job,
      },
      ctx.runnerTemp,
    );
    await writeStepSummary({
      title,
      status: `Skipped: ${decision.reason}. No model call was made.`,
      text,
      diff: gathered.diff,
      commentUrl: existing?.comment.html_url,
    });
    return;
  }

  const commentCtx: CommentContext = {
    modelLabel: model.label,
    modelId: model.id,
    reasoningEffort: typeof params.reasoning_effort === 'string' ? params.reasoning_effort : undefined,
    head,
    startedAt: new Date().toISOString(),
    runUrl: ctx.runUrl,
    manifest,
  };
  const marker: Marker = { key: config.commentKey, head, hash, state: 'running' };
  const write = async (body: string) => {
    if (!writer) return;
    try {
      const comment = await writer.write(body);
      core.info(`Comment: ${comment.html_url}`);
    } catch (error) {
      core.warning(
        `Could not write the pull request comment: ${redactSecrets((error as Error).message, secrets)}`,
      );
    }
  };

  let resumeNote: string | undefined;
  if (decision.kind === 'resume') {
    marker.job = decision.job;
    resumeNote = `Collecting ${decision.reason} (no new charge).`;
    core.info(resumeNote);
  }
  await write(inProgressComment(marker, commentCtx, resumeNote));

  const client = createNodeClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    model: model.id,
    env: {},
  });
  let lastPollLog = 0;
  let completion: Completion;
  try {
    completion = await callModel(client, {
      params,
      resumeJob: decision.kind === 'resume' ? decision.job : undefined,
      timeoutMs: config.timeoutMs,
      signal,
      onJob: async (id) => {
        marker.job = id;
        core.info(`Background job ${id} started; waiting up to ${formatMinutes(config.timeoutMs)}.`);
        await write(inProgressComment(marker, commentCtx, `Background job \`${id}\`.`));
      },
      onRetry: (info) =>
        core.info(
          `ModelStream: attempt ${info.attempt} failed (${info.error.message.split('\n')[0]}); retrying in ${Math.round(info.delayMs / 1000)} s`,
        ),
      onPoll: (status, elapsed) => {
        if (elapsed - lastPollLog < 30_000) return;
        lastPollLog = elapsed;
        core.info(`Job ${marker.job}: ${status} after ${Math.round(elapsed / 1000)} s`);
      },
    });
  } catch (error) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
    if (error instanceof TimeoutError && error.phase === 'wait' && error.jobId) {
      // The job keeps running upstream; the marker keeps its id so the next run collects it.
      marker.job = error.jobId;
      await write(
        failureComment(
          marker,
          commentCtx,
          `Still running after ${formatMinutes(config.timeoutMs)}`,
          `${message}\nRe-run this workflow to collect the answer: the job is not started (nor paid for) again.`,
        ),
      );
    } else {
      marker.state = error instanceof AbortedError ? 'cancelled' : 'failed';
      await write(
        failureComment(
          marker,
          commentCtx,
          error instanceof AbortedError ? 'Cancelled' : `The model call failed (${errorTitle(error)})`,
          message,
        ),
      );
    }
    await setOutputs({ skipped: false, commentUrl: writer?.url, diff: gathered.diff }, ctx.runnerTemp);
    await writeStepSummary({
      title,
      status: `**${errorTitle(error)}**: ${message}`,
      diff: gathered.diff,
      commentUrl: writer?.url,
    });
    throw error;
  }

  marker.state = 'done';
  marker.job = completion.id;
  await write(answerComment(marker, commentCtx, completion));
  core.info(
    `Answer: ${formatCount(completion.text.length)} characters; tokens ${formatCount(completion.usage.prompt_tokens)} in, ` +
      `${formatCount(completion.usage.completion_tokens)} out, ${formatCount(completion.usage.total_tokens)} total.`,
  );
  await setOutputs(
    { completion, skipped: false, commentUrl: writer?.url, diff: gathered.diff },
    ctx.runnerTemp,
  );
  await writeStepSummary({ title, completion, diff: gathered.diff, commentUrl: writer?.url });
}
