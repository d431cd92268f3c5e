import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { type Completion, formatCost } from '@modelstream-kit/core';
import { details, usageTable } from './comment/render-comment.js';
import { manifestForMarkdown } from './diff/manifest-text.js';
import type { PreparedDiff } from './diff/prepare-diff.js';
import type { Scrub } from './secrets.js';

export interface RunOutputs {
  text?: string | undefined;
  completion?: Completion | undefined;
  commentUrl?: string | undefined;
  skipped: boolean;
  diff?: PreparedDiff | undefined;
  responseId?: string | undefined;
}

/** Writes the answer to a file: multi-line text in `${{ }}` breaks shell steps, a path does not. */
async function writeResponseFile(dir: string, text: string): Promise<string> {
  const folder = await mkdtemp(join(dir, 'modelstream-'));
  const path = join(folder, 'response.md');
  await writeFile(path, text);
  return path;
}

/** Every output, always set (empty when unknown), so later steps can rely on them; secrets scrubbed. */
export async function setOutputs(out: RunOutputs, runnerTemp: string, scrub: Scrub): Promise<void> {
  const text = scrub(out.completion?.text ?? out.text ?? '');
  const usage = out.completion?.usage;
  const cost = out.completion?.cost;
  core.setOutput('text', text);
  core.setOutput(
    'response-file',
    out.completion || out.text ? await writeResponseFile(runnerTemp, text) : '',
  );
  core.setOutput(
    'json',
    out.completion?.json === undefined ? '' : scrub(JSON.stringify(out.completion.json)),
  );
  core.setOutput('response-id', out.completion?.id ?? out.responseId ?? '');
  core.setOutput('prompt-tokens', String(usage?.prompt_tokens ?? 0));
  core.setOutput('completion-tokens', String(usage?.completion_tokens ?? 0));
  core.setOutput('total-tokens', String(usage?.total_tokens ?? 0));
  core.setOutput('cost-usd', String(cost?.total ?? 0));
  core.setOutput('price-source', cost?.source ?? '');
  core.setOutput('comment-url', out.commentUrl ?? '');
  core.setOutput('skipped', String(out.skipped));
  core.setOutput(
    'omitted-files',
    scrub(
      JSON.stringify(
        (out.diff?.manifest ?? []).map((e) => ({ path: e.path, reason: e.reason, detail: e.detail })),
      ),
    ),
  );
}

export interface SummaryInput {
  title: string;
  status?: string | undefined;
  completion?: Completion | undefined;
  text?: string | undefined;
  /** The cost estimate made before sending (always shown when there is one). */
  estimate?: string | undefined;
  diff?: PreparedDiff | undefined;
  commentUrl?: string | undefined;
}

/** The step summary: the answer, usage and cost, the reasoning summary folded, the diff manifest. */
export async function writeStepSummary(input: SummaryInput, scrub: Scrub): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const parts = [`## ${input.title}`];
  if (input.status) parts.push(input.status);
  const answer = input.completion?.text ?? input.text;
  if (answer) parts.push(answer);
  if (input.completion) {
    parts.push(usageTable(input.completion));
    const cost = input.completion.cost;
    if (cost) parts.push(`Cost: **${formatCost(cost)}** (${cost.tier}; ${cost.source}).`);
    if (input.completion.reasoningSummary)
      parts.push(details('Reasoning summary', input.completion.reasoningSummary));
  }
  if (input.estimate) parts.push(input.estimate);
  if (input.diff) parts.push(manifestForMarkdown(input.diff));
  if (input.commentUrl) parts.push(`[Pull request comment](${input.commentUrl})`);
  await core.summary.addRaw(scrub(parts.join('\n\n')), true).write();
}
