import { ValidationError } from '../errors/validation-error.js';
import type { ModelPricing, ModelSpec } from '../spec/param-spec.js';

/**
 * The price setting every surface offers. ModelStream bills its prepaid quota with per-model
 * multipliers it does not publish, so the spec's list prices can be scaled or replaced.
 */
export interface PriceSetting {
  /** Multiplies every price of the spec's table (ModelStream's multiplier for the account). */
  multiplier?: number | undefined;
  /** A whole table instead of the spec's (its `source` is shown next to every cost). */
  table?: ModelPricing | undefined;
}

/** The prices in force for a model, with where they come from in words. */
export function resolvePricing(model: ModelSpec, setting: PriceSetting = {}): ModelPricing {
  const base = setting.table ?? model.pricing;
  const multiplier = setting.multiplier;
  if (multiplier === undefined || multiplier === 1) return base;
  if (!(Number.isFinite(multiplier) && multiplier > 0)) {
    throw new ValidationError([
      {
        field: 'priceMultiplier',
        value: multiplier,
        allowed: 'a number above 0',
        message: `priceMultiplier: ${JSON.stringify(multiplier)} is not allowed; use a number above 0 (1 = list prices)`,
      },
    ]);
  }
  return {
    ...base,
    source: `${base.source}, × ${multiplier} (price multiplier setting)`,
    tiers: base.tiers.map((tier) => ({
      ...tier,
      inputPerMillion: tier.inputPerMillion * multiplier,
      outputPerMillion: tier.outputPerMillion * multiplier,
    })),
  };
}
