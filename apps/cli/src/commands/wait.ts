import { Command, Option } from 'commander';
import {
  addConnectionOptions,
  addMaxWaitOption,
  addOutputOptions,
  type CommonValues,
  JOB_GROUP,
  OUTPUT_GROUP,
  readCommonOptions,
} from '../common-options.js';
import { connect } from '../connection.js';
import { createProgress } from '../progress.js';
import type { RunContext } from '../run-context.js';
import { executeRun } from './execute.js';
import { reportAnswer } from './report.js';

interface WaitValues extends CommonValues {
  json?: boolean;
  cancelOnInterrupt?: boolean;
}

export async function runWait(id: string, values: WaitValues, ctx: RunContext): Promise<number> {
  const common = readCommonOptions(values);
  const connection = await connect(common, ctx.env);
  ctx.secrets.push(...connection.secrets);
  ctx.abortable();
  const progress = createProgress({ stream: ctx.stderr, quiet: common.quiet });
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
    .description('Wait for a background job (from `ask --no-wait`) and print its answer like `ask` does.')
    .argument('<id>', 'The job id `ask --no-wait` printed.')
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
  addConnectionOptions(command);
  command.action(async (id: string, values: WaitValues) => {
    onExit(await runWait(id, values, ctx));
  });
  return command;
}
