import type { ActionConfig } from './config/read-config.js';
import { MAX_DIFF_FILE_BYTES, readWorkspaceFile } from './config/workspace-file.js';
import { eventHeadSha, type GitHubContext, pullRequestNumber } from './context.js';
import { loadTokenizer } from './diff/count-tokens.js';
import type { DiffFile } from './diff/diff-file.js';
import { manifestForPrompt } from './diff/manifest-text.js';
import { parseUnifiedDiff } from './diff/parse-unified-diff.js';
import { type PreparedDiff, prepareDiff } from './diff/prepare-diff.js';
import { getPullRequest, listPullRequestFiles, type PullRequest } from './github/pull-request.js';
import type { GitHubClient } from './github/rest-client.js';
import { expandPlaceholders } from './prompt/placeholders.js';
import { buildSummaryPrompt } from './prompt/summary-prompt.js';

export interface Gathered {
  prompt: string;
  systemPrompt: string | undefined;
  pr: PullRequest | undefined;
  /** The commit the answer is for (the marker records it). */
  head: string | undefined;
  diff: PreparedDiff | undefined;
}

/**
 * Everything the model is sent: the pull request (through the API), the diff (API or diff-file, budgeted)
 * and the prompt (built-in summary, or the user's with placeholders filled).
 */
export async function gatherPrompt(
  config: ActionConfig,
  ctx: GitHubContext,
  gh: GitHubClient | undefined,
  log: (message: string) => void,
): Promise<Gathered> {
  const number = pullRequestNumber(ctx, config.pullRequest);
  const readFile = (field: string, path: string, maxBytes?: number) =>
    readWorkspaceFile(ctx.workspace, field, path, { allowOutside: [ctx.runnerTemp], maxBytes });

  const template = config.promptFile ? await readFile('prompt-file', config.promptFile) : config.prompt;
  const systemPrompt = config.systemPromptFile
    ? await readFile('system-prompt-file', config.systemPromptFile)
    : config.systemPrompt;

  let pr: PullRequest | undefined;
  if (number !== undefined && gh && ctx.repository) {
    pr = await getPullRequest(gh, ctx.repository, number);
    log(`Pull request #${pr.number}: ${pr.base.ref} ← ${pr.head.ref} at ${pr.head.sha}`);
  }
  if (config.mode === 'summarize' && !pr && !config.diffFile) {
    throw new Error(
      'summarize mode needs a pull request: run on pull_request events, or give the pull-request input ' +
        '(with a github-token), or a diff-file',
    );
  }

  let diff: PreparedDiff | undefined;
  const loadDiff = async (): Promise<PreparedDiff> => {
    if (diff) return diff;
    let files: DiffFile[];
    if (config.diffFile) {
      files = parseUnifiedDiff(await readFile('diff-file', config.diffFile, MAX_DIFF_FILE_BYTES));
      log(`diff-file: ${files.length} files`);
    } else if (pr && gh && ctx.repository) {
      files = await listPullRequestFiles(gh, ctx.repository, pr.number);
      log(`Changed files listed by the API: ${files.length}`);
    } else {
      throw new Error('no diff: give diff-file, or run on a pull request');
    }
    const started = performance.now();
    await loadTokenizer();
    diff = prepareDiff(files, {
      maxTokens: config.maxDiffTokens,
      include: config.include,
      exclude: config.exclude,
      changedFiles: config.diffFile ? undefined : pr?.changedFiles,
    });
    log(
      `Diff budgeted in ${Math.round(performance.now() - started)} ms: ${diff.stats.usedTokens} of ${diff.stats.maxTokens} tokens, ` +
        `${diff.manifest.length} files not shown whole`,
    );
    return diff;
  };

  let prompt: string;
  if (config.mode === 'summarize') {
    const instructions = template ? await expandPlaceholders(template, placeholderSource()) : undefined;
    prompt = buildSummaryPrompt({ instructions, pr, diff: await loadDiff() });
  } else {
    prompt = await expandPlaceholders(template ?? '', placeholderSource());
  }

  const head =
    (config.diffFile ? eventHeadSha(ctx) : undefined) ??
    pr?.head.sha ??
    eventHeadSha(ctx) ??
    process.env.GITHUB_SHA;
  return { prompt, systemPrompt, pr, head, diff };

  function placeholderSource() {
    const diffAvailable = Boolean(config.diffFile || pr);
    return {
      pr,
      repository: ctx.repository ? `${ctx.repository.owner}/${ctx.repository.repo}` : undefined,
      eventName: ctx.eventName,
      diff: diffAvailable
        ? async () => {
            const d = await loadDiff();
            return `${d.text}\n\nFiles not shown whole:\n${manifestForPrompt(d)}`;
          }
        : undefined,
      readFile: (path: string) => readFile('prompt', path),
    };
  }
}
