import type { DemoStep } from '../demo-context.js';

export const usageAndJobs: DemoStep = {
  title: 'Usage, and a job collected later',
  intro:
    '--no-wait prints only the job id; `modelstream wait ID` collects it. --output json prints the whole ' +
    'Completion (text, usage, ids); here we show its usage.',
  async run(ctx) {
    const started = await ctx.cli(['ask', 'Draft a changelog entry for the retry fix.', '--no-wait']);
    const id = started.stdout.trim();
    const done = await ctx.cli(['wait', id, '--output', 'json', '--quiet'], { showStdout: false });
    const completion = JSON.parse(done.stdout) as { id: string; usage: unknown; finishReason: string };
    ctx.say(`id: ${completion.id}   finish reason: ${completion.finishReason}`);
    ctx.say(`usage: ${JSON.stringify(completion.usage)}`);
  },
};
