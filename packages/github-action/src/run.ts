import * as core from '@actions/core';
import { gpt54Pro, type ModelSpec, validateParams } from '@modelstream-kit/core';
import { closeDefaultAgent } from '@modelstream-kit/core/node';
import { askModel } from './answer.js';
import { CommentSession } from './comment/comment-session.js';
import { decideRun, requestHash } from './comment/marker.js';
import type { CommentContext } from './comment/render-comment.js';
import { CommentWriter, type FoundComment, findMarkedComments } from './comment/sticky-comment.js';
import { type ActionConfig, type GetInput, readConfig } from './config/read-config.js';
import { type GitHubContext, readContext } from './context.js';
import { checkCost } from './cost-check.js';
import { manifestForMarkdown } from './diff/manifest-text.js';
import { errorMessage, reportFailure } from './failure.js';
import { formatCount } from './format.js';
import { type Gathered, gatherPrompt } from './gather-prompt.js';
import { createCommentsApi } from './github/comments-api.js';
import { fetchForEnvironment } from './github/proxied-fetch.js';
import { createGitHubClient, type GitHubClient } from './github/rest-client.js';
import { planIncremental } from './incremental.js';
import { createModelClient } from './model-client.js';
import { type Scrub, scrubberFor } from './secrets.js';
import { reportSkipped } from './skipped.js';

export interface RunOptions {
  model?: ModelSpec;
  env?: NodeJS.ProcessEnv;
  /** Inputs by name (default: the runner's, `core.getInput`). */
  getInput?: GetInput;
  /** Aborts the run: the upstream job is cancelled and the comment says so (the runner's SIGINT). */
  signal?: AbortSignal;
  /** A second signal: write the comment's final word now, then call `exit` (SIGTERM after SIGINT). */
  force?: AbortSignal;
  exit?: (code: number) => void;
}

/** The key and the token are masked in every later log line before anything else happens. */
function registerSecrets(getInput: GetInput): Scrub {
  const secrets = [getInput('api-key').trim(), getInput('github-token').trim()].filter(Boolean);
  for (const secret of secrets) core.setSecret(secret);
  return scrubberFor(secrets);
}

/** The request as it will be sent: the gathered prompt with the inputs' parameters, validated. */
function buildParams(model: ModelSpec, config: ActionConfig, gathered: Gathered) {
  return validateParams(model, {
    ...config.params,
    prompt: gathered.prompt,
    ...(gathered.systemPrompt?.trim() ? { system_prompt: gathered.systemPrompt } : {}),
  });
}

/** The pull request's marked comment (every page read, trusted authors only), if comments are on. */
async function openComment(
  config: ActionConfig,
  ctx: GitHubContext,
  gh: GitHubClient | undefined,
  gathered: Gathered,
  hurry: () => boolean,
): Promise<{ writer: CommentWriter | undefined; existing: FoundComment | undefined }> {
  if (config.comment === 'off' || !gathered.pr || !gh || !ctx.repository) {
    return { writer: undefined, existing: undefined };
  }
  const api = createCommentsApi(gh, ctx.repository, gathered.pr.number, hurry);
  try {
    const marked = findMarkedComments(await api.list(), config.commentKey);
    const existing = config.comment === 'sticky' ? marked[0] : marked.at(-1);
    return { writer: new CommentWriter(api, config.comment, existing?.comment), existing };
  } catch (error) {
    core.warning(
      `Could not read the pull request's comments, so none will be written: ${(error as Error).message}`,
    );
    return { writer: undefined, existing: undefined };
  }
}

/**
 * The whole action: inputs (all checked) → prompt → cost check → comment found → skip, or ask the model
 * (or collect the earlier run's job) → comment, outputs, step summary. Nothing is written to GitHub
 * before every input and the cost ceiling have passed.
 */
export async function run(options: RunOptions = {}): Promise<void> {
  const model = options.model ?? gpt54Pro;
  const getInput = options.getInput ?? ((name: string) => core.getInput(name));
  const scrub = registerSecrets(getInput);
  const signal = options.signal ?? new AbortController().signal;
  const ctx = readContext(options.env ?? process.env);
  let failOnError = true;
  let background = true;
  const githubFetch = fetchForEnvironment();
  try {
    const config = readConfig(model, getInput, ctx.eventName);
    failOnError = config.failOnError;
    background = config.delivery === 'background';
    const client = createModelClient(config, model.id);
    const gh =
      ctx.repository && config.githubToken
        ? // No abort signal: after a cancel the comment must still be updated (each request has its own timeout).
          createGitHubClient({ apiUrl: ctx.apiUrl, token: config.githubToken, fetch: githubFetch.fetch })
        : undefined;
    const gathered = await gatherPrompt(config, ctx, gh, (m) => core.info(m));
    const fullParams = buildParams(model, config, gathered);
    // The hash is always the whole pull request's question: a rerun on the same head skips either way.
    const hash = requestHash(model.id, fullParams);
    core.info(
      `Prompt: ${formatCount(gathered.prompt.length)} characters; request hash ${hash}; delivery ${config.delivery}`,
    );
    const head = gathered.head ?? 'unknown';
    const title = `ModelStream · ${model.label}`;
    const { writer, existing } = await openComment(config, ctx, gh, gathered, () => signal.aborted);
    const decision = decideRun(existing?.marker, { head, hash }, config.force);
    const since = await planIncremental({ model, config, ctx, gh, gathered, existing, decision, head });
    const params = since?.params ?? fullParams;
    const diff = since?.diff ?? gathered.diff;
    const cost = await checkCost(model, config, params);
    if (decision.kind === 'skip') {
      await reportSkipped({
        title,
        reason: decision.reason,
        existing,
        client,
        diff: gathered.diff,
        runnerTemp: ctx.runnerTemp,
        scrub,
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
      manifest: diff ? manifestForMarkdown(diff) : undefined,
    };
    const session = new CommentSession(
      writer,
      { key: config.commentKey, head, hash, state: 'running', ...(since ? { base: since.base } : {}) },
      commentCtx,
      scrub,
      core,
    );
    await askModel({
      title,
      client,
      session,
      decision,
      params,
      delivery: config.delivery,
      timeoutMs: config.timeoutMs,
      signal,
      force: options.force,
      exit: options.exit,
      estimate: cost.line,
      compose: since?.compose,
      diff,
      runnerTemp: ctx.runnerTemp,
      scrub,
    });
  } catch (error) {
    reportFailure(errorMessage(error, scrub, background), error, failOnError);
  } finally {
    await Promise.all([closeDefaultAgent(), githubFetch.close()]).catch(() => {});
  }
}
