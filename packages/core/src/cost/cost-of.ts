import type { Usage } from '../completion.js';
import type { ModelPricing, PriceTier } from '../spec/param-spec.js';

/** What an answer cost (or may cost), in the pricing's currency, with where the prices come from. */
export interface Cost {
  input: number;
  output: number;
  total: number;
  currency: 'USD';
  /** The prices used, in words: shown next to every figure. */
  source: string;
  /** The prompt-size tier that applied: "up to 272,000 input tokens" or "above 272,000 input tokens". */
  tier: string;
  /** True for an estimate made before sending (worst case, images by rule). */
  estimated?: boolean;
}

export function tierFor(pricing: ModelPricing, inputTokens: number): { tier: PriceTier; label: string } {
  const tiers = pricing.tiers;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    if (tier.upToInputTokens === undefined || inputTokens <= tier.upToInputTokens) {
      const label =
        tier.upToInputTokens !== undefined
          ? `up to ${tier.upToInputTokens.toLocaleString('en-US')} input tokens`
          : i > 0 && tiers[i - 1]!.upToInputTokens !== undefined
            ? `above ${tiers[i - 1]!.upToInputTokens!.toLocaleString('en-US')} input tokens`
            : 'any input size';
      return { tier, label };
    }
  }
  throw new Error('pricing: the last tier must have no upToInputTokens');
}

/** Rounded to a millionth of a dollar: figures stay exact enough and print without float noise. */
const money = (n: number) => Math.round(n * 1e6) / 1e6;

/** Input and output tokens at the tier the prompt size falls in; reasoning tokens bill as output. */
export function costOfTokens(
  pricing: ModelPricing,
  inputTokens: number,
  outputTokens: number,
  estimated = false,
): Cost {
  const { tier, label } = tierFor(pricing, inputTokens);
  const input = money((inputTokens * tier.inputPerMillion) / 1e6);
  const output = money((outputTokens * tier.outputPerMillion) / 1e6);
  return {
    input,
    output,
    total: money(input + output),
    currency: pricing.currency,
    source: pricing.source,
    tier: label,
    ...(estimated ? { estimated } : {}),
  };
}

/** What a finished answer cost. `completion_tokens` already holds the reasoning tokens. */
export function costOf(pricing: ModelPricing, usage: Usage): Cost {
  return costOfTokens(pricing, usage.prompt_tokens, usage.completion_tokens);
}

/** "$0.0123" for a person: cents for large sums, four significant decimals for small ones. */
export function formatCost(cost: Pick<Cost, 'total'> & { estimated?: boolean }): string {
  const value = cost.total;
  const text = value >= 1 ? value.toFixed(2) : value >= 0.01 ? value.toFixed(4) : value.toPrecision(2);
  return `${cost.estimated ? '≤ ' : ''}$${text}`;
}
