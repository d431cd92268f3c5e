import { formatCount } from '../format.js';
import type { ManifestEntry, PreparedDiff } from './prepare-diff.js';

/** One line on coverage: how much of the diff the model saw. */
export function coverageLine(diff: PreparedDiff): string {
  const s = diff.stats;
  return (
    `${formatCount(s.changedFiles)} changed files: ${formatCount(s.shownWhole)} shown whole, ` +
    `${formatCount(s.truncated)} truncated, ${formatCount(s.changedFiles - s.shownWhole - s.truncated)} left out; ` +
    `${formatCount(s.usedTokens)} of ${formatCount(s.maxTokens)} diff tokens used.`
  );
}

function countsByReason(entries: readonly ManifestEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${reason}: ${formatCount(n)}`).join(', ');
}

/** The manifest as plain lines for the prompt (capped; the counts cover the rest). */
export function manifestForPrompt(diff: PreparedDiff, limit = 200): string {
  if (diff.manifest.length === 0) return `${coverageLine(diff)}\nEvery changed file is shown whole.`;
  const lines = diff.manifest.slice(0, limit).map((e) => `- ${e.path}: ${e.detail}`);
  const more = diff.manifest.length - lines.length;
  if (more > 0)
    lines.push(`- ... and ${formatCount(more)} more (${countsByReason(diff.manifest.slice(limit))})`);
  return `${coverageLine(diff)}\nNot shown whole (${countsByReason(diff.manifest)}):\n${lines.join('\n')}`;
}

const escapeCell = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

/** The manifest as a collapsed Markdown table for the comment and the step summary. */
export function manifestForMarkdown(diff: PreparedDiff, limit = 100): string {
  if (diff.manifest.length === 0) return `<sub>Diff: ${coverageLine(diff)}</sub>`;
  const rows = diff.manifest
    .slice(0, limit)
    .map((e) => `| \`${escapeCell(e.path)}\` | ${escapeCell(e.detail)} |`);
  const more = diff.manifest.length - rows.length;
  if (more > 0)
    rows.push(`| ... and ${formatCount(more)} more | ${countsByReason(diff.manifest.slice(limit))} |`);
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
