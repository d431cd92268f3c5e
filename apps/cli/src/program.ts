import { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { askCommand } from './commands/ask.js';
import { cancelCommand } from './commands/cancel.js';
import { doctorCommand } from './commands/doctor.js';
import { jobsCommand } from './commands/jobs.js';
import { logCommand } from './commands/log.js';
import { waitCommand } from './commands/wait.js';
import { helpFooter } from './help-text.js';
import type { RunContext } from './run-context.js';

/** The `modelstream` command tree. `onExit` hears each action's exit code. */
export function buildProgram(
  ctx: RunContext,
  onExit: (code: number) => void,
  writeErr: (text: string) => void,
): Command {
  const program = new Command('modelstream')
    .description(
      'GPT-5.4 pro through the ModelStream API, from the shell. Start with: modelstream ask --help',
    )
    .version(pkg.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr,
      outputError: (text, write) => write(text),
    })
    .showHelpAfterError('(add --help for every flag)')
    .addHelpText('after', helpFooter());
  for (const command of [
    askCommand(ctx, onExit),
    waitCommand(ctx, onExit),
    cancelCommand(ctx, onExit),
    jobsCommand(ctx, onExit),
    logCommand(ctx, onExit),
    doctorCommand(ctx, onExit),
  ]) {
    command.copyInheritedSettings(program);
    command.addHelpText('after', helpFooter());
    program.addCommand(command);
  }
  return program;
}
