import type { DemoStep } from '../demo-context.js';

export const usageAndJobs: DemoStep = {
  title: 'Usage, cost, and a job collected later',
  intro:
    '--no-wait prints only the job id; the job ledger remembers it, so `modelstream wait --last` collects ' +
    'it (no second request). --output json prints the whole Completion (text, usage, cost, ids); ' +
    '`modelstream log` lists every answer with its cost.',
  async run(ctx) {
    await ctx.cli(['ask', 'Draft a changelog entry for the retry fix.', '--no-wait']);
    await ctx.cli(['jobs']);
    const done = await ctx.cli(['wait', '--last', '--output', 'json', '--quiet'], { showStdout: false });
    const completion = JSON.parse(done.stdout) as {
      id: string;
      usage: unknown;
      finishReason: string;
      cost: { total: number; source: string };
    };
    ctx.say(`id: ${completion.id}   finish reason: ${completion.finishReason}`);
    ctx.say(`usage: ${JSON.stringify(completion.usage)}`);
    ctx.say(`cost: $${completion.cost.total} (${completion.cost.source})`);
    await ctx.cli(['log']);
  },
};
