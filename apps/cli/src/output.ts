import { type Completion, type Cost, formatCost, type Usage } from '@modelstream-kit/core';

export type OutputMode = 'text' | 'json';

const n = (value: number) => value.toLocaleString('en-US');

/** "usage: 12 prompt + 34 completion (20 reasoning) = 46 tokens". */
export function usageLine(usage: Usage): string {
  const extra: string[] = [];
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (reasoning) extra.push(`${n(reasoning)} reasoning`);
  if (cached) extra.push(`${n(cached)} cached`);
  return (
    `usage: ${n(usage.prompt_tokens)} prompt + ${n(usage.completion_tokens)} completion` +
    `${extra.length > 0 ? ` (${extra.join(', ')})` : ''} = ${n(usage.total_tokens)} tokens`
  );
}

/** "$0.0123 (up to 272,000 input tokens)": the figure, and the price tier it was charged at. */
export function costText(cost: Cost): string {
  return `${formatCost(cost)} (${cost.tier})`;
}

/** "prices: OpenAI's list prices for gpt-5.4-pro (...)": which prices a cost used, said every time. */
export const pricesLine = (cost: Cost) => `prices: ${cost.source}`;

/**
 * What goes on stdout for a finished answer: the text (or the parsed JSON with --json), or the whole
 * Completion with --output json. `streamed` means the text is already out and only a newline is owed.
 */
export function answerText(
  completion: Completion,
  options: { output: OutputMode; json: boolean; streamed: boolean },
): string {
  if (options.output === 'json') return `${JSON.stringify(completion, null, 2)}\n`;
  if (options.streamed) return completion.text.endsWith('\n') ? '' : '\n';
  if (options.json && completion.json !== undefined) return `${JSON.stringify(completion.json, null, 2)}\n`;
  return completion.text.endsWith('\n') ? completion.text : `${completion.text}\n`;
}
