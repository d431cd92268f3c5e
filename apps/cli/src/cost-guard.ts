import {
  checkCostCeiling,
  estimateCost,
  formatCost,
  gpt54Pro,
  type PriceSetting,
  resolvePricing,
} from '@modelstream-kit/core';

export interface CostGuard {
  maxCostUsd: number;
  /** The o200k counter, remembering its last text: the CLI and the client count the same prompt. */
  countTokens: (text: string) => number;
  /** Throws (naming the setting, with the numbers) above the ceiling; else the estimate in words. */
  check(params: Record<string, unknown>): string;
}

/**
 * The cost ceiling, checked by the command before it says it is sending anything (the client checks
 * it again, with the same counter and prices, before the request). The tokenizer is loaded only here.
 */
export async function costGuard(
  maxCostUsd: number,
  setting: '--max-cost' | 'MODELSTREAM_MAX_COST_USD',
  pricing: PriceSetting | undefined,
): Promise<CostGuard> {
  const { countTokens: count } = await import('@modelstream-kit/core/tokens');
  let last: { text: string; tokens: number } | undefined;
  const countTokens = (text: string) => {
    if (last?.text !== text) last = { text, tokens: count(text) };
    return last.tokens;
  };
  const prices = resolvePricing(gpt54Pro, pricing);
  return {
    maxCostUsd,
    countTokens,
    check(params) {
      const estimate = estimateCost(gpt54Pro, params, { pricing: prices, countTokens });
      checkCostCeiling(estimate, maxCostUsd, setting);
      return `cost: ${formatCost(estimate.worstCase)} in the worst case (${estimate.worstCase.tier}), within the ${setting} ceiling of $${maxCostUsd} (${estimate.notes.join('; ')})`;
    },
  };
}
