import * as core from '@actions/core';
import type { Completion, ModelSpec } from '@modelstream-kit/core';
import { validateParams } from '@modelstream-kit/core';
import type { RunDecision } from './comment/marker.js';
import { storedAnswer } from './comment/render-comment.js';
import type { FoundComment } from './comment/sticky-comment.js';
import type { ActionConfig } from './config/read-config.js';
import type { GitHubContext } from './context.js';
import { loadTokenizer } from './diff/count-tokens.js';
import { type PreparedDiff, prepareDiff } from './diff/prepare-diff.js';
import { shortSha } from './format.js';
import type { Gathered } from './gather-prompt.js';
import { compareCommits } from './github/pull-request.js';
import type { GitHubClient } from './github/rest-client.js';
import { buildIncrementalPrompt } from './prompt/summary-prompt.js';

/** Splits the summary the comment keeps from its "since" section. */
export const SINCE_MARKER = '<!-- modelstream-kit:since -->';

export interface IncrementalPlan {
  /** The head of the full summary kept (the marker's `base`). */
  base: string;
  params: Record<string, unknown>;
  diff: PreparedDiff;
  /** The comment's answer: the kept summary, then the "since" section. */
  compose(completion: Completion): Completion;
}

export interface IncrementalInput {
  model: ModelSpec;
  config: ActionConfig;
  ctx: GitHubContext;
  gh: GitHubClient | undefined;
  gathered: Gathered;
  existing: FoundComment | undefined;
  decision: RunDecision;
  head: string;
}

/**
 * `incremental: true` on a new push after a summary: the question becomes "what changed since the
 * summary's commit", from the compare API. Undefined (a full summary) when there is no summary to keep,
 * it was trimmed, or the compare fails (a force-push removed the commit).
 */
export async function planIncremental(input: IncrementalInput): Promise<IncrementalPlan | undefined> {
  const { config, existing, gathered, gh, ctx } = input;
  if (!config.incremental || config.mode !== 'summarize' || config.force || config.diffFile) return undefined;
  if (input.decision.kind !== 'call' || existing?.marker.state !== 'done') return undefined;
  if (!gh || !ctx.repository || !gathered.pr || existing.marker.head === input.head) return undefined;
  const stored = storedAnswer(existing.comment.body);
  if (!stored || stored.trimmed) return undefined;
  const base = existing.marker.base ?? existing.marker.head;
  const previous = stored.text.split(SINCE_MARKER)[0]!.trim();
  let files: Awaited<ReturnType<typeof compareCommits>>;
  try {
    files = await compareCommits(gh, ctx.repository, base, input.head);
  } catch (error) {
    core.info(
      `incremental: comparing ${shortSha(base)}...${shortSha(input.head)} failed (${(error as Error).message}); a full summary instead.`,
    );
    return undefined;
  }
  await loadTokenizer();
  const diff = prepareDiff(files, {
    maxTokens: config.maxDiffTokens,
    include: config.include,
    exclude: config.exclude,
  });
  core.info(
    `incremental: ${files.length} files changed since ${shortSha(base)}; the summary for it is kept.`,
  );
  const prompt = buildIncrementalPrompt({ pr: gathered.pr, previous: { text: previous, head: base }, diff });
  const params = validateParams(input.model, {
    ...config.params,
    prompt,
    ...(gathered.systemPrompt?.trim() ? { system_prompt: gathered.systemPrompt } : {}),
  });
  return {
    base,
    params,
    diff,
    compose: (completion) => ({
      ...completion,
      text: `${previous}\n\n${SINCE_MARKER}\n### Changes since \`${shortSha(base)}\`\n\n${completion.text}`,
    }),
  };
}
