import { ValidationError } from '../errors/validation-error.js';
import type { ModelPricing, ModelSpec } from '../spec/param-spec.js';
import { formatInteger } from '../spec/words.js';
import { utf8Length } from '../utf8-length.js';
import { type Cost, costOfTokens, formatCost } from './cost-of.js';

/** Counts the tokens of a text (the o200k tokenizer from `@modelstream-kit/core/tokens`, or an estimate). */
export type CountTokens = (text: string) => number;

/**
 * Without a tokenizer: an upper bound from the UTF-8 length (o200k never makes more tokens than bytes
 * of ordinary text, and about one per four bytes of English).
 */
export const tokensFromLength: CountTokens = (text) => utf8Length(text);

export interface CostEstimate {
  /** Text tokens of the prompt and system prompt. */
  textTokens: number;
  /** Image tokens by the published rule (worst case per image when its size is unknown). */
  imageTokens: number;
  /** The most the answer may use: `max_output_tokens`, else the model's maximum. */
  outputTokens: number;
  /** The worst case at the prices in force. */
  worstCase: Cost;
  /** How the figures were made, in words. */
  notes: string[];
}

/** The most a request can cost before it is sent: every input token, and the whole output allowance. */
export function estimateCost(
  model: ModelSpec,
  params: Record<string, unknown>,
  options: { pricing: ModelPricing; countTokens?: CountTokens | undefined },
): CostEstimate {
  const count = options.countTokens ?? tokensFromLength;
  const notes: string[] = [];
  let textTokens = 0;
  for (const param of model.params) {
    if (
      (param.role === 'prompt' || param.role === 'instructions') &&
      typeof params[param.name] === 'string'
    ) {
      textTokens += count(params[param.name] as string);
    }
  }
  notes.push(
    options.countTokens ? 'text counted with the o200k tokenizer' : 'text tokens bounded by the UTF-8 length',
  );
  const images = model.params
    .filter((p) => p.role === 'images')
    .flatMap((p) => (Array.isArray(params[p.name]) ? (params[p.name] as unknown[]) : []));
  const rule = options.pricing.imageTokens;
  const perImage = params.image_detail === 'low' ? rule.low : rule.base + rule.perTile * rule.maxTiles;
  const imageTokens = images.length * perImage;
  if (images.length > 0) {
    notes.push(
      `${images.length} image${images.length === 1 ? '' : 's'} estimated at ${formatInteger(perImage)} tokens each (OpenAI's published rule, ${params.image_detail === 'low' ? 'low detail' : 'largest size'})`,
    );
  }
  const max = params.max_output_tokens;
  const outputTokens = typeof max === 'number' ? max : model.maxOutputTokens;
  notes.push(
    typeof max === 'number'
      ? `output at most max_output_tokens (${formatInteger(max)}), reasoning included`
      : `output at most the model's ${formatInteger(model.maxOutputTokens)} tokens (set max_output_tokens to lower it)`,
  );
  return {
    textTokens,
    imageTokens,
    outputTokens,
    worstCase: costOfTokens(options.pricing, textTokens + imageTokens, outputTokens, true),
    notes,
  };
}

/** Refuses, before anything is sent, a request whose worst case is above the ceiling; the numbers say why. */
export function checkCostCeiling(estimate: CostEstimate, maxCost: number, setting = 'max_cost'): void {
  if (!(Number.isFinite(maxCost) && maxCost > 0)) {
    throw new ValidationError([
      {
        field: setting,
        value: maxCost,
        allowed: 'an amount in US dollars above 0',
        message: `${setting}: ${JSON.stringify(maxCost)} is not allowed; use an amount in US dollars above 0`,
      },
    ]);
  }
  const worst = estimate.worstCase;
  if (worst.total <= maxCost) return;
  const tokens = `${formatInteger(estimate.textTokens + estimate.imageTokens)} input tokens (${worst.tier}) and up to ${formatInteger(estimate.outputTokens)} output tokens`;
  throw new ValidationError([
    {
      field: setting,
      value: maxCost,
      allowed: `at least ${formatCost(worst)} for this request, or a smaller request`,
      message:
        `${setting}: this request may cost up to ${formatCost(worst)} (${tokens}: $${worst.input} in + $${worst.output} out, ${worst.source}), ` +
        `above the ceiling of $${maxCost}; nothing was sent. Lower max_output_tokens, shorten the prompt or raise ${setting}. ` +
        `(${estimate.notes.join('; ')})`,
    },
  ]);
}
