import type { DemoStep } from '../demo-context.js';

export const jsonAnswer: DemoStep = {
  title: 'A JSON answer',
  intro: '--json asks for response_format json_object and prints the parsed object, ready for jq.',
  async run(ctx) {
    await ctx.cli(['ask', 'Give two release risks as a JSON object {"risks": [...]}.', '--json', '--quiet']);
  },
};
