import { formatCost, type LedgerEntry } from '@modelstream-kit/core';
import { CliError } from '../cli-error.js';
import type { RunContext } from '../run-context.js';
import { FileLedger } from './file-ledger.js';
import { stateDirectory } from './state-dir.js';

export const RUNNING_STATUSES = ['queued', 'in_progress'] as const;

export const isRunning = (entry: LedgerEntry) =>
  (RUNNING_STATUSES as readonly string[]).includes(entry.status);

/**
 * The ledger's entries, newest first; lines that could not be read are named on stderr (they lose
 * nothing else). `quiet` leaves the note out.
 */
export function readLedger(ctx: RunContext, quiet: boolean): { ledger: FileLedger; entries: LedgerEntry[] } {
  const ledger = new FileLedger(stateDirectory(ctx.env), ctx.secrets);
  const { entries, skipped } = ledger.read();
  if (skipped.length > 0 && !quiet) {
    const which = skipped.length === 1 ? `line ${skipped[0]}` : `lines ${skipped.join(', ')}`;
    ctx.stderr.write(
      `modelstream: skipped ${skipped.length} unreadable ${skipped.length === 1 ? 'line' : 'lines'} of ${ledger.path} (${which}: a write cut short or damaged); every other entry was read\n`,
    );
  }
  return { ledger, entries };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time to the minute: "2026-12-02 18:40". */
export function formatStarted(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The prompt's first words, cut at a word: the ledger keeps 60 characters unless prompts are logged. */
export function firstWords(entry: LedgerEntry, max = 40): string {
  const text = (entry.prompt?.preview ?? '').trim();
  if (text.length <= max) return text || '–';
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export const tokensOf = (entry: LedgerEntry) =>
  entry.usage ? entry.usage.total_tokens.toLocaleString('en-US') : '–';

export const costOfEntry = (entry: LedgerEntry) => (entry.cost ? formatCost(entry.cost) : '–');

/** The newest running background job, for `wait --last`. */
export function lastRunning(ctx: RunContext, quiet: boolean): LedgerEntry {
  const { entries, ledger } = readLedger(ctx, quiet);
  const last = entries.find((e) => isRunning(e) && e.delivery === 'background');
  if (!last) {
    throw new CliError(
      `--last: no running job in ${ledger.path}; \`modelstream jobs\` lists the recent ones (pass an id to wait for one of them)`,
    );
  }
  return last;
}

/** Plain columns, padded to the widest cell; the last column is left ragged. */
export function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
