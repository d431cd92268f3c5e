import type { DemoStep } from '../demo-context.js';

export const streamedAnswer: DemoStep = {
  title: 'A streamed answer',
  intro: 'With --stream the text goes to stdout as it is written; usage follows on stderr.',
  async run(ctx) {
    await ctx.cli([
      'ask',
      'Explain in three sentences why retries need a deadline.',
      '--stream',
      '--verbosity',
      'low',
    ]);
  },
};
