import { createInterface } from 'node:readline/promises';
import type { Job, ModelStreamClient } from '@modelstream-kit/core';
import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import {
  addConnectionOptions,
  addOutputOptions,
  type CommonOptions,
  type CommonValues,
  JOB_GROUP,
  noticeInCliWords,
  readCommonOptions,
} from '../common-options.js';
import { connect } from '../connection.js';
import { EXIT_CODES } from '../exit-codes.js';
import { firstWords, isRunning, readLedger } from '../ledger/ledger-view.js';
import { createProgress, type Progress } from '../progress.js';
import type { RunContext } from '../run-context.js';

interface CancelValues extends CommonValues {
  allRunning?: boolean;
  yes?: boolean;
}

const cancelOne = (
  client: ModelStreamClient,
  id: string,
  common: CommonOptions,
  ctx: RunContext,
  progress: Progress,
) =>
  client.cancel(id, {
    signal: ctx.signal,
    onRetry: (info) => progress.retry(info),
    onNotice: (message) => progress.note(noticeInCliWords(message)),
    ...(common.timeoutMs === undefined ? {} : { deadlineMs: common.timeoutMs }),
    ...(common.maxRetries === undefined ? {} : { maxRetries: common.maxRetries }),
  });

async function confirm(ctx: RunContext, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function runCancel(
  given: string | undefined,
  values: CancelValues,
  ctx: RunContext,
): Promise<number> {
  const common = readCommonOptions(values);
  if (given !== undefined && values.allRunning)
    throw new CliError('give a job id or --all-running, not both');
  if (given === undefined && !values.allRunning) {
    throw new CliError('which job? give its id (`modelstream jobs` lists them) or --all-running');
  }
  const running = values.allRunning
    ? readLedger(ctx, common.quiet).entries.filter((e) => isRunning(e) && e.delivery === 'background')
    : [];
  if (values.allRunning) {
    if (running.length === 0) {
      if (!common.quiet) ctx.stderr.write('modelstream: no running jobs in the ledger; nothing to cancel\n');
      return EXIT_CODES.ok;
    }
    if (ctx.stdin.isTTY && !values.yes) {
      const list = running.map((e) => `  ${e.id}  ${firstWords(e)}`).join('\n');
      const yes = await confirm(
        ctx,
        `Cancel ${running.length} running ${running.length === 1 ? 'job' : 'jobs'} upstream?\n${list}\n[y/N] `,
      );
      if (!yes) {
        ctx.stderr.write('modelstream: nothing cancelled\n');
        return EXIT_CODES.ok;
      }
    }
  }
  const ids = given === undefined ? running.map((e) => e.id) : [given];
  const connection = await connect(common, ctx.env);
  ctx.secrets.push(...connection.secrets);
  ctx.abortable();
  const progress = createProgress({ stream: ctx.stderr, quiet: common.quiet });
  const jobs: Job[] = [];
  let failed: unknown;
  try {
    for (const id of ids) {
      progress.begin(`Cancelling job ${id}`);
      try {
        jobs.push(await cancelOne(connection.client, id, common, ctx, progress));
      } catch (error) {
        // One refusal (a job that ended or expired) does not keep the others running.
        if (ids.length === 1) throw error;
        failed ??= error;
        progress.end();
        ctx.stderr.write(`modelstream: ${id}: ${error instanceof Error ? error.message : String(error)}\n`);
      } finally {
        progress.end();
      }
    }
    ctx.stdout.write(
      common.output === 'json'
        ? `${JSON.stringify(given === undefined ? jobs : jobs[0])}\n`
        : jobs.map((job) => `${job.id} ${job.status}\n`).join(''),
    );
    if (failed) throw failed;
    return EXIT_CODES.ok;
  } finally {
    await connection.close();
  }
}

export function cancelCommand(ctx: RunContext, onExit: (code: number) => void): Command {
  const command = new Command('cancel')
    .description('Cancel a background job upstream, so it stops costing; prints the id and its new status.')
    .argument('[id]', 'The job id `ask --no-wait` printed (or `modelstream jobs` lists).')
    .addOption(
      new Option(
        '--all-running',
        'Cancel every job the job ledger lists as running (asks first on a terminal).',
      ).helpGroup(JOB_GROUP),
    )
    .addOption(new Option('-y, --yes', 'With --all-running: do not ask first.').helpGroup(JOB_GROUP));
  addOutputOptions(command);
  addConnectionOptions(command);
  command.action(async (id: string | undefined, values: CancelValues) => {
    onExit(await runCancel(id, values, ctx));
  });
  return command;
}
