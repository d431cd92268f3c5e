import { countLines, fitLines, lineTokens } from './count-tokens.js';
import { type DiffFile, fileHeading } from './diff-file.js';

/** A file's patch as sent: whole, or its first lines. */
export interface BudgetedFile {
  file: DiffFile;
  text: string;
  tokens: number;
  /** Set when only the first lines were sent. */
  truncated?: { shownLines: number; totalLines: number };
}

export interface BudgetResult {
  files: BudgetedFile[];
  /** Files left out entirely for want of budget. */
  overBudget: DiffFile[];
  usedTokens: number;
  maxTokens: number;
}

/** Below this, a glimpse of a file is not worth its heading: it is left out instead. */
export const MIN_SHARE_TOKENS = 200;

const TRUNCATION_NOTE = (shown: number, total: number) =>
  `[... truncated: the first ${shown} of ${total} lines are shown ...]\n`;

function block(file: DiffFile, patch: string): string {
  return `${fileHeading(file)}${patch.endsWith('\n') ? patch : `${patch}\n`}`;
}

function truncate(file: DiffFile, limit: number): BudgetedFile | undefined {
  const heading = fileHeading(file);
  const patch = file.patch ?? '';
  const totalLines = countLines(patch);
  // Reserve room for the heading and the note saying what was cut.
  const overhead = lineTokens(heading) + lineTokens(TRUNCATION_NOTE(totalLines, totalLines));
  if (limit - overhead <= 0) return undefined;
  const fit = fitLines(patch, limit - overhead);
  if (fit.lines === 0) return undefined;
  const shown = patch.slice(0, fit.end);
  const text = `${heading}${shown.endsWith('\n') ? shown : `${shown}\n`}${TRUNCATION_NOTE(fit.lines, totalLines)}`;
  return { file, text, tokens: fit.tokens + overhead, truncated: { shownLines: fit.lines, totalLines } };
}

/**
 * Fits the patches into `maxTokens` (o200k). Smaller files go first, so as many files as possible are
 * shown whole; when the next file no longer fits, the budget left is shared evenly among the files that
 * remain (each shows its first lines), and files whose share would be under MIN_SHARE_TOKENS are left
 * out. Counting stops at each limit, so a 20 MB diff costs about as much as the budget, not its size.
 * The result keeps the files' original order.
 */
export function budgetDiff(files: readonly DiffFile[], maxTokens: number): BudgetResult {
  const order = files.map((file, index) => ({ file, index, size: file.patch?.length ?? 0 }));
  order.sort((a, b) => a.size - b.size || a.index - b.index);
  const placed: { index: number; budgeted: BudgetedFile }[] = [];
  const overBudget: { index: number; file: DiffFile }[] = [];
  let remaining = maxTokens;
  let i = 0;
  for (; i < order.length; i++) {
    const { file, index } = order[i]!;
    const text = block(file, file.patch ?? '');
    const fit = fitLines(text, remaining);
    if (!fit.complete) break;
    placed.push({ index, budgeted: { file, text, tokens: fit.tokens } });
    remaining -= fit.tokens;
  }
  const rest = order.slice(i);
  for (let k = 0; k < rest.length; k++) {
    const { file, index } = rest[k]!;
    // Share what is left among as many of the remaining files as can each get MIN_SHARE_TOKENS.
    const sharers = Math.min(rest.length - k, Math.floor(remaining / MIN_SHARE_TOKENS));
    const share = sharers > 0 ? Math.floor(remaining / sharers) : 0;
    const budgeted = share >= MIN_SHARE_TOKENS ? truncate(file, share) : undefined;
    if (!budgeted) {
      overBudget.push({ index, file });
      continue;
    }
    placed.push({ index, budgeted });
    remaining -= budgeted.tokens;
  }
  placed.sort((a, b) => a.index - b.index);
  overBudget.sort((a, b) => a.index - b.index);
  return {
    files: placed.map((p) => p.budgeted),
    overBudget: overBudget.map((o) => o.file),
    usedTokens: maxTokens - remaining,
    maxTokens,
  };
}
