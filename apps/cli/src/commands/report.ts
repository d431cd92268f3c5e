import type { Completion } from '@modelstream-kit/core';
import { answerText, costText, type OutputMode, pricesLine, usageLine } from '../output.js';
import type { Progress } from '../progress.js';
import type { RunContext } from '../run-context.js';

/** The answer on stdout; its reasoning summary, usage and ids on stderr (inside the JSON with --output json). */
export function reportAnswer(
  ctx: RunContext,
  progress: Progress,
  completion: Completion,
  options: { output: OutputMode; json: boolean; streamed: boolean },
): number {
  ctx.stdout.write(answerText(completion, options));
  if (options.output === 'text') {
    if (completion.reasoningSummary) progress.note(`reasoning summary: ${completion.reasoningSummary}`);
    if (completion.finishReason !== 'stop')
      progress.note(`finish reason: ${completion.finishReason} (the answer may be cut short)`);
    const cost = completion.cost ? ` · cost ${costText(completion.cost)}` : '';
    progress.note(`${usageLine(completion.usage)}${cost} · ${completion.id}`);
    if (completion.cost) progress.note(pricesLine(completion.cost));
  }
  return 0;
}
