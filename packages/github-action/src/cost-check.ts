import {
  type CostEstimate,
  type CountTokens,
  checkCostCeiling,
  estimateCost,
  formatCost,
  type ModelSpec,
  resolvePricing,
  ValidationError,
} from '@modelstream-kit/core';
import type { ActionConfig } from './config/read-config.js';
import { loadedTokenizer, loadTokenizer } from './diff/count-tokens.js';
import { formatCount } from './format.js';

export interface CheckedCost {
  estimate: CostEstimate;
  /** The estimate in one line for the step summary. */
  line: string;
}

/**
 * The worst case of this request at the prices in force, refused before any request or GitHub write when
 * it is above `max-cost-usd`. Tokens are counted with o200k when a ceiling is set or the tokenizer is
 * already loaded (a budgeted diff); otherwise bounded by the UTF-8 length, and said so.
 */
export async function checkCost(
  model: ModelSpec,
  config: ActionConfig,
  params: Record<string, unknown>,
): Promise<CheckedCost> {
  const countTokens: CountTokens | undefined =
    loadedTokenizer() ?? (config.maxCostUsd !== undefined ? await loadTokenizer() : undefined);
  const pricing = resolvePricing(model, { multiplier: config.priceMultiplier });
  const estimate = estimateCost(model, params, { pricing, countTokens });
  if (config.maxCostUsd !== undefined) {
    try {
      checkCostCeiling(estimate, config.maxCostUsd, 'max-cost-usd');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(error.issues.map((i) => ({ ...i, message: `input ${i.message}` })));
    }
  }
  const worst = estimate.worstCase;
  const ceiling = config.maxCostUsd === undefined ? '' : ` (within max-cost-usd $${config.maxCostUsd})`;
  return {
    estimate,
    line:
      `Estimate before sending: at most **${formatCost(worst).replace('≤ ', '')}**${ceiling} — ` +
      `${formatCount(estimate.textTokens + estimate.imageTokens)} input tokens and up to ${formatCount(estimate.outputTokens)} output ` +
      `tokens, ${worst.source}; ${estimate.notes.join('; ')}.`,
  };
}
