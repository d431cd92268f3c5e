import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import {
  addConnectionOptions,
  addCostOptions,
  addMaxWaitOption,
  addOutputOptions,
  type CommonValues,
  JOB_GROUP,
  OUTPUT_GROUP,
  readCommonOptions,
} from '../common-options.js';
import { connect } from '../connection.js';
import { firstWords, formatStarted, lastRunning } from '../ledger/ledger-view.js';
import { createProgress } from '../progress.js';
import type { RunContext } from '../run-context.js';
import { executeRun } from './execute.js';
import { reportAnswer } from './report.js';

interface WaitValues extends CommonValues {
  json?: boolean;
  cancelOnInterrupt?: boolean;
  last?: boolean;
}

export async function runWait(
  given: string | undefined,
  values: WaitValues,
  ctx: RunContext,
): Promise<number> {
  const common = readCommonOptions(values);
  if (given !== undefined && values.last) throw new CliError('give a job id or --last, not both');
  if (given === undefined && !values.last) {
    throw new CliError(
      'which job? give its id (`modelstream jobs` lists them) or --last for the newest running one',
    );
  }
  const last = given === undefined ? lastRunning(ctx, common.quiet) : undefined;
  const id = given ?? last!.id;
  const connection = await connect(common, ctx.env);
  ctx.secrets.push(...connection.secrets);
  ctx.abortable();
  const progress = createProgress({ stream: ctx.stderr, quiet: common.quiet });
  if (last)
    progress.note(
      `job ${last.id} from the ledger, started ${formatStarted(last.startedAt)}: ${firstWords(last)}`,
    );
  try {
    const result = await executeRun(
      connection.client,
      {},
      {
        delivery: 'background',
        resumeJob: id,
        cancelOnAbort: values.cancelOnInterrupt ?? false,
        json: values.json ?? false,
      },
      { signal: ctx.signal, progress, ...common },
    );
    if (result.status !== 'completed') throw new Error(`Job ${id} came back pending without a time limit.`);
    return reportAnswer(ctx, progress, result.completion, {
      output: common.output,
      json: values.json ?? false,
      streamed: false,
    });
  } finally {
    await connection.close();
  }
}

export function waitCommand(ctx: RunContext, onExit: (code: number) => void): Command {
  const command = new Command('wait')
    .description(
      'Wait for a background job (from `ask --no-wait`, or one the job ledger lists) and print its answer like `ask` does.',
    )
    .argument('[id]', 'The job id `ask --no-wait` printed (or `modelstream jobs` lists).')
    .addOption(
      new Option(
        '--last',
        'Wait for the newest running job in the job ledger (one a killed or interrupted `ask` left running).',
      ).helpGroup(JOB_GROUP),
    )
    .addOption(
      new Option('--json', 'Parse the answer as a JSON object and print it indented.').helpGroup(
        OUTPUT_GROUP,
      ),
    )
    .addOption(
      new Option(
        '--cancel-on-interrupt',
        'On Ctrl-C, cancel the job upstream (by default it keeps running).',
      ).helpGroup(JOB_GROUP),
    );
  addMaxWaitOption(command);
  addOutputOptions(command);
  addCostOptions(command);
  addConnectionOptions(command);
  command.action(async (id: string | undefined, values: WaitValues) => {
    onExit(await runWait(id, values, ctx));
  });
  return command;
}
