import { formatCount } from '../format.js';
import type { ManifestEntry, OmitReason, PreparedDiff } from './prepare-diff.js';

/** One line on coverage: how much of the diff the model saw. */
export function coverageLine(diff: PreparedDiff): string {
  const s = diff.stats;
  return (
    `${formatCount(s.changedFiles)} changed files: ${formatCount(s.shownWhole)} shown whole, ` +
    `${formatCount(s.truncated)} truncated, ${formatCount(s.changedFiles - s.shownWhole - s.truncated)} left out; ` +
    `${formatCount(s.usedTokens)} of ${formatCount(s.maxTokens)} diff tokens used.`
  );
}

/** Files left out by rule first (what a reviewer most needs to know was not read), then the budget's cuts. */
const REASON_ORDER: readonly OmitReason[] = [
  'generated',
  'lockfile',
  'binary',
  'vendored',
  'excluded',
  'not-included',
  'no-patch',
  'over-budget',
  'truncated',
  'not-listed',
];

function countsByReason(entries: readonly ManifestEntry[]): string {
  const counts = new Map<string, number>();
  for (const reason of REASON_ORDER) {
    const n = entries.filter((e) => e.reason === reason).length;
    if (n > 0) counts.set(reason, n);
  }
  return [...counts].map(([reason, n]) => `${reason}: ${formatCount(n)}`).join(', ');
}

/**
 * The entries to list when there is room for `limit`: grouped by reason (rules first), largest first in
 * each, and every reason's biggest files named (a few each) before any reason gets more; what is left
 * is counted by reason.
 */
export function selectForListing(
  manifest: readonly ManifestEntry[],
  limit: number,
): { shown: ManifestEntry[]; rest: ManifestEntry[] } {
  const groups = REASON_ORDER.map((reason) =>
    manifest.filter((e) => e.reason === reason).sort((a, b) => b.size - a.size),
  ).filter((g) => g.length > 0);
  const perGroup = Math.max(1, Math.min(5, Math.floor(limit / Math.max(1, groups.length))));
  const taken = groups.map((g) => Math.min(g.length, perGroup));
  let room = limit - taken.reduce((a, b) => a + b, 0);
  for (let i = 0; i < groups.length && room > 0; i++) {
    const extra = Math.min(room, groups[i]!.length - taken[i]!);
    taken[i]! += extra;
    room -= extra;
  }
  while (room < 0) {
    // More reasons than room: drop from the last groups first (each keeps at least its biggest file).
    const i = taken.findLastIndex((n) => n > 1);
    if (i === -1) break;
    taken[i]!--;
    room++;
  }
  return {
    shown: groups.flatMap((g, i) => g.slice(0, taken[i])),
    rest: groups.flatMap((g, i) => g.slice(taken[i])),
  };
}

/** The manifest as plain lines for the prompt (capped; the counts cover the rest). */
export function manifestForPrompt(diff: PreparedDiff, limit = 200): string {
  if (diff.manifest.length === 0) return `${coverageLine(diff)}\nEvery changed file is shown whole.`;
  const { shown, rest } = selectForListing(diff.manifest, limit);
  const lines = shown.map((e) => `- ${e.path}: ${e.detail}`);
  if (rest.length > 0) lines.push(`- ... and ${formatCount(rest.length)} more (${countsByReason(rest)})`);
  return `${coverageLine(diff)}\nNot shown whole (${countsByReason(diff.manifest)}):\n${lines.join('\n')}`;
}

const escapeCell = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

/** The manifest as a collapsed Markdown table for the comment and the step summary. */
export function manifestForMarkdown(diff: PreparedDiff, limit = 100): string {
  if (diff.manifest.length === 0) return `<sub>Diff: ${coverageLine(diff)}</sub>`;
  const { shown, rest } = selectForListing(diff.manifest, limit);
  const rows = shown.map((e) => `| \`${escapeCell(e.path)}\` | ${escapeCell(e.detail)} |`);
  if (rest.length > 0) rows.push(`| ... and ${formatCount(rest.length)} more | ${countsByReason(rest)} |`);
  return [
    '<details>',
    `<summary>Diff: ${escapeCell(coverageLine(diff))} Not shown whole: ${formatCount(diff.manifest.length)} (${countsByReason(diff.manifest)})</summary>`,
    '',
    '| file | why |',
    '| --- | --- |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}
