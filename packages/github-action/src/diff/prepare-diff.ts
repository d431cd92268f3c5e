import { formatCount } from '../format.js';
import { budgetDiff } from './budget-diff.js';
import type { DiffFile } from './diff-file.js';
import { filterFiles, type SkipReason } from './file-filter.js';

export type OmitReason = SkipReason | 'over-budget' | 'truncated' | 'not-listed';

/** One file the model did not see whole, and why. */
export interface ManifestEntry {
  path: string;
  reason: OmitReason;
  /** The reason in words. */
  detail: string;
  /** How big the change is, to list the largest first: the patch's length, else ~40 bytes a changed line. */
  size: number;
}

export interface PreparedDiff {
  /** The patches sent, one block per file, in the files' order. */
  text: string;
  manifest: ManifestEntry[];
  stats: {
    changedFiles: number;
    shownWhole: number;
    truncated: number;
    omitted: number;
    usedTokens: number;
    maxTokens: number;
  };
}

export interface PrepareOptions {
  maxTokens: number;
  include?: readonly string[];
  exclude?: readonly string[];
  /** The pull request's own count of changed files, when the API listed fewer (it stops at 3,000). */
  changedFiles?: number | undefined;
}

const DETAIL: Record<SkipReason, string> = {
  lockfile: 'lockfile (left out by default)',
  generated: 'generated file (left out by default)',
  vendored: 'vendored code (left out by default)',
  binary: 'binary file',
  excluded: 'matches `exclude`',
  'not-included': 'not matched by `include`',
  'no-patch': 'no patch to show (no textual change, or too large for GitHub to send)',
};

/** Filters, budgets and lists what was left out: everything the prompt and the comment say about the diff. */
export function prepareDiff(files: readonly DiffFile[], opts: PrepareOptions): PreparedDiff {
  const { kept, skipped } = filterFiles(files, opts);
  const budget = budgetDiff(kept, opts.maxTokens);
  const manifest: ManifestEntry[] = [];
  const reasonOf = new Map<DiffFile, ManifestEntry>();
  const entry = (file: DiffFile, reason: OmitReason, detail: string): ManifestEntry => ({
    path: file.path,
    reason,
    detail,
    size: file.patch?.length || ((file.additions ?? 0) + (file.deletions ?? 0)) * 40,
  });
  for (const { file, reason } of skipped) reasonOf.set(file, entry(file, reason, DETAIL[reason]));
  for (const file of budget.overBudget) {
    reasonOf.set(
      file,
      entry(file, 'over-budget', `over the diff budget of ${formatCount(opts.maxTokens)} tokens`),
    );
  }
  for (const b of budget.files) {
    if (b.truncated) {
      reasonOf.set(
        b.file,
        entry(
          b.file,
          'truncated',
          `truncated: the first ${formatCount(b.truncated.shownLines)} of ${formatCount(b.truncated.totalLines)} lines shown`,
        ),
      );
    }
  }
  for (const file of files) {
    const entry = reasonOf.get(file);
    if (entry) manifest.push(entry);
  }
  const listed = files.length;
  if (opts.changedFiles !== undefined && opts.changedFiles > listed) {
    manifest.push({
      path: `(${formatCount(opts.changedFiles - listed)} more files)`,
      reason: 'not-listed',
      detail: `GitHub's API lists at most ${formatCount(listed)} of the ${formatCount(opts.changedFiles)} changed files`,
      size: 0,
    });
  }
  const truncated = budget.files.filter((b) => b.truncated).length;
  return {
    text: budget.files.map((b) => b.text).join('\n'),
    manifest,
    stats: {
      changedFiles: Math.max(listed, opts.changedFiles ?? 0),
      shownWhole: budget.files.length - truncated,
      truncated,
      omitted: listed - budget.files.length,
      usedTokens: budget.usedTokens,
      maxTokens: opts.maxTokens,
    },
  };
}
