import { formatCost, formatInteger, type LedgerEntry } from '@modelstream-kit/core';
import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import { addOutputOptions, readCommonOptions } from '../common-options.js';
import {
  columns,
  costOfEntry,
  firstWords,
  formatStarted,
  readLedger,
  tokensOf,
} from '../ledger/ledger-view.js';
import type { RunContext } from '../run-context.js';

interface LogValues {
  output?: string;
  quiet?: boolean;
  since?: string;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90m", "12h", "7d", "2w" ago, or a date ("2026-12-01", "2026-12-01T09:00"). */
export function parseSince(text: string, now: number): number {
  const ago = /^\s*(\d+(?:\.\d+)?)\s*(m|h|d|w)\s*$/i.exec(text);
  if (ago) return now - Number(ago[1]) * (UNITS[ago[2]!.toLowerCase()] ?? 0);
  const date = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isFinite(date)) return date;
  throw new CliError(
    `--since: ${JSON.stringify(text)} is not allowed; use a time ago (90m, 12h, 7d, 2w) or a date (2026-12-01)`,
  );
}

const answered = (entry: LedgerEntry) => entry.usage !== undefined;

/** The history of answers, with usage and cost, from the ledger: no request is sent. */
export function runLog(values: LogValues, ctx: RunContext): number {
  const common = readCommonOptions(values);
  const since = values.since === undefined ? undefined : parseSince(values.since, Date.now());
  const { entries } = readLedger(ctx, common.quiet);
  const shown = entries.filter((e) => answered(e) && (since === undefined || e.startedAt >= since));
  const tokens = shown.reduce((sum, e) => sum + (e.usage?.total_tokens ?? 0), 0);
  const total = Math.round(shown.reduce((sum, e) => sum + (e.cost?.total ?? 0), 0) * 1e6) / 1e6;
  const sources = [...new Set(shown.flatMap((e) => (e.cost ? [e.cost.source] : [])))];
  if (common.output === 'json') {
    ctx.stdout.write(
      `${JSON.stringify({ answers: shown, total: { answers: shown.length, tokens, costUsd: total, prices: sources } }, null, 2)}\n`,
    );
    return 0;
  }
  if (shown.length === 0) {
    if (!common.quiet) ctx.stderr.write('modelstream: no answers in the ledger for that time\n');
    return 0;
  }
  const rows = [
    ['STARTED', 'ID', 'STATUS', 'TOKENS', 'COST', 'PROMPT'],
    ...shown.map((e) => [
      formatStarted(e.startedAt),
      e.id,
      e.status,
      tokensOf(e),
      costOfEntry(e),
      firstWords(e),
    ]),
  ];
  ctx.stdout.write(`${columns(rows)}\n`);
  ctx.stdout.write(
    `total: ${shown.length} ${shown.length === 1 ? 'answer' : 'answers'}, ${formatInteger(tokens)} tokens, ${formatCost({ total })}\n`,
  );
  for (const source of sources) ctx.stdout.write(`prices: ${source}\n`);
  return 0;
}

export function logCommand(ctx: RunContext, onExit: (code: number) => void): Command {
  const command = new Command('log')
    .description('The history of answers from the job ledger, with usage, cost and a total; sends nothing.')
    .addOption(
      new Option(
        '--since <when>',
        'Only answers started since then: a time ago (90m, 12h, 7d, 2w) or a date.',
      ),
    );
  addOutputOptions(command);
  command.action((values: LogValues) => {
    onExit(runLog(values, ctx));
  });
  return command;
}
