import { Command } from 'commander';
import {
  addConnectionOptions,
  addOutputOptions,
  type CommonValues,
  readCommonOptions,
} from '../common-options.js';
import { connect } from '../connection.js';
import { createProgress } from '../progress.js';
import type { RunContext } from '../run-context.js';

export async function runCancel(id: string, values: CommonValues, ctx: RunContext): Promise<number> {
  const common = readCommonOptions(values);
  const connection = await connect(common, ctx.env);
  ctx.secrets.push(...connection.secrets);
  ctx.abortable();
  const progress = createProgress({ stream: ctx.stderr, quiet: common.quiet });
  try {
    progress.begin(`Cancelling job ${id}`);
    const job = await connection.client
      .cancel(id, {
        signal: ctx.signal,
        onRetry: (info) => progress.retry(info),
        ...(common.timeoutMs === undefined ? {} : { deadlineMs: common.timeoutMs }),
        ...(common.maxRetries === undefined ? {} : { maxRetries: common.maxRetries }),
      })
      .finally(() => progress.end());
    ctx.stdout.write(common.output === 'json' ? `${JSON.stringify(job)}\n` : `${job.id} ${job.status}\n`);
    return 0;
  } finally {
    await connection.close();
  }
}

export function cancelCommand(ctx: RunContext, onExit: (code: number) => void): Command {
  const command = new Command('cancel')
    .description('Cancel a background job upstream, so it stops costing; prints the id and its new status.')
    .argument('<id>', 'The job id `ask --no-wait` printed.');
  addOutputOptions(command);
  addConnectionOptions(command);
  command.action(async (id: string, values: CommonValues) => {
    onExit(await runCancel(id, values, ctx));
  });
  return command;
}
