import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import { addOutputOptions, readCommonOptions } from '../common-options.js';
import {
  columns,
  costOfEntry,
  firstWords,
  formatStarted,
  isRunning,
  readLedger,
  tokensOf,
} from '../ledger/ledger-view.js';
import type { RunContext } from '../run-context.js';

interface JobsValues {
  output?: string;
  quiet?: boolean;
  limit?: string;
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return 20;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) {
    throw new CliError(`--limit: ${JSON.stringify(text)} is not allowed; use a whole number above 0`);
  }
  return Number(text);
}

/** Running jobs (all of them) and the most recent others, from the ledger: no request is sent. */
export function runJobs(values: JobsValues, ctx: RunContext): number {
  const common = readCommonOptions(values);
  const limit = parseLimit(values.limit);
  const { entries, ledger } = readLedger(ctx, common.quiet);
  const running = entries.filter(isRunning);
  const shown = [
    ...running,
    ...entries.filter((e) => !isRunning(e)).slice(0, Math.max(0, limit - running.length)),
  ].sort((a, b) => b.startedAt - a.startedAt);
  if (common.output === 'json') {
    ctx.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return 0;
  }
  if (shown.length === 0) {
    if (!common.quiet) ctx.stderr.write(`modelstream: no jobs yet in ${ledger.path}\n`);
    return 0;
  }
  const rows = [
    ['ID', 'STARTED', 'STATUS', 'TOKENS', 'COST', 'PROMPT'],
    ...shown.map((e) => [
      e.id,
      formatStarted(e.startedAt),
      e.status,
      tokensOf(e),
      costOfEntry(e),
      firstWords(e),
    ]),
  ];
  ctx.stdout.write(`${columns(rows)}\n`);
  if (running.length > 0 && !common.quiet) {
    ctx.stderr.write(
      `modelstream: ${running.length} running (as last seen); collect the newest with: modelstream wait --last\n`,
    );
  }
  return 0;
}

export function jobsCommand(ctx: RunContext, onExit: (code: number) => void): Command {
  const command = new Command('jobs')
    .description(
      'List running and recent jobs from the job ledger (id, started, status, first words of the prompt, tokens, cost); sends nothing.',
    )
    .addOption(new Option('--limit <n>', 'How many jobs to show (every running one is shown); default 20.'));
  addOutputOptions(command);
  command.action((values: JobsValues) => {
    onExit(runJobs(values, ctx));
  });
  return command;
}
