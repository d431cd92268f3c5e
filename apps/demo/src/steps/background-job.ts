import type { DemoStep } from '../demo-context.js';

export const backgroundJob: DemoStep = {
  title: 'A background job with progress, fed by a pipe',
  intro:
    'Piped text is added after the prompt (git diff | modelstream ask "..."). The job is polled with its status ' +
    'and elapsed time on stderr; Ctrl-C would cancel it upstream.',
  async run(ctx) {
    await ctx.cli(['ask', 'Summarise this change for a reviewer.', '--reasoning-effort', 'high'], {
      input: [
        'diff --git a/src/retry.ts b/src/retry.ts',
        '-  await sleep(1000);',
        '+  await sleep(backoffDelay(attempt, baseMs, maxMs, Math.random));',
        '',
      ].join('\n'),
      inputLabel: 'git diff',
    });
  },
};
