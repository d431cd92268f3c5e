import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { gpt54Pro } from '../spec/gpt-5.4-pro.js';
import { costOf, costOfTokens, formatCost } from './cost-of.js';
import { checkCostCeiling, estimateCost } from './estimate.js';
import { resolvePricing } from './pricing.js';

const list = resolvePricing(gpt54Pro);

describe('cost', () => {
  it('prices the first tier by hand: 10,000 in at $30/M + 2,000 out (reasoning included) at $180/M', () => {
    // 10,000 × 30 / 1e6 = 0.30; 2,000 × 180 / 1e6 = 0.36
    const cost = costOf(list, { prompt_tokens: 10_000, completion_tokens: 2_000, total_tokens: 12_000 });
    expect(cost).toMatchObject({
      input: 0.3,
      output: 0.36,
      total: 0.66,
      currency: 'USD',
      tier: 'up to 272,000 input tokens',
    });
    expect(cost.source).toContain("OpenAI's list prices");
  });

  it('prices the whole request at the second tier past 272K input tokens', () => {
    // 300,000 × 60 / 1e6 = 18; 1,000 × 270 / 1e6 = 0.27
    expect(costOfTokens(list, 300_000, 1_000)).toMatchObject({
      input: 18,
      output: 0.27,
      total: 18.27,
      tier: 'above 272,000 input tokens',
    });
    // 272,000 exactly is still the first tier: 272,000 × 30 / 1e6 = 8.16
    expect(costOfTokens(list, 272_000, 0)).toMatchObject({ total: 8.16, tier: 'up to 272,000 input tokens' });
  });

  it('a multiplier scales every price and says so in the source; a bad one is refused', () => {
    const scaled = resolvePricing(gpt54Pro, { multiplier: 1.5 });
    // 100,000 × 30 × 1.5 / 1e6 = 4.5; 100,000 × 180 × 1.5 / 1e6 = 27
    expect(costOfTokens(scaled, 100_000, 100_000)).toMatchObject({ input: 4.5, output: 27, total: 31.5 });
    expect(scaled.source).toContain('× 1.5 (price multiplier setting)');
    expect(() => resolvePricing(gpt54Pro, { multiplier: 0 })).toThrow(ValidationError);
  });

  it('formats small and large sums for people', () => {
    expect(formatCost({ total: 0.66 })).toBe('$0.6600');
    expect(formatCost({ total: 18.27 })).toBe('$18.27');
    expect(formatCost({ total: 0.000123 })).toBe('$0.00012');
    expect(formatCost({ total: 1.5, estimated: true })).toBe('≤ $1.50');
  });
});

describe('the worst case before sending', () => {
  it('counts every input token and the whole output allowance', () => {
    const estimate = estimateCost(
      gpt54Pro,
      { prompt: 'a'.repeat(1000), max_output_tokens: 500 },
      {
        pricing: list,
        countTokens: (text) => text.length / 4,
      },
    );
    // 250 × 30 / 1e6 = 0.0075; 500 × 180 / 1e6 = 0.09
    expect(estimate).toMatchObject({ textTokens: 250, imageTokens: 0, outputTokens: 500 });
    expect(estimate.worstCase).toMatchObject({ input: 0.0075, output: 0.09, total: 0.0975, estimated: true });
  });

  it('without max_output_tokens the model maximum counts; images by the published rule', () => {
    const estimate = estimateCost(
      gpt54Pro,
      { prompt: 'hi', image_urls: ['https://x.test/a.png', 'https://x.test/b.png'] },
      {
        pricing: list,
        countTokens: () => 1,
      },
    );
    expect(estimate.outputTokens).toBe(128_000);
    expect(estimate.imageTokens).toBe(2 * (85 + 170 * 8));
    expect(estimate.notes.join(' ')).toContain('2 images estimated at 1,445 tokens each');
    const low = estimateCost(
      gpt54Pro,
      { prompt: 'hi', image_detail: 'low', image_urls: ['https://x.test/a.png'] },
      { pricing: list },
    );
    expect(low.imageTokens).toBe(85);
  });

  it('the ceiling refuses with the numbers, or lets a cheap request through', () => {
    const estimate = estimateCost(gpt54Pro, { prompt: 'hi' }, { pricing: list, countTokens: () => 1 });
    // 128,000 × 180 / 1e6 = 23.04 worst case
    expect(() => checkCostCeiling(estimate, 5, 'max-cost')).toThrow(
      /^max-cost: this request may cost up to ≤ \$23\.04 .* above the ceiling of \$5; nothing was sent/,
    );
    expect(() => checkCostCeiling(estimate, 25)).not.toThrow();
  });
});
