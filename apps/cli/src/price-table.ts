import { readFile } from 'node:fs/promises';
import type { ModelPricing, ModelSpec } from '@modelstream-kit/core';
import { z } from 'zod';
import { CliError } from './cli-error.js';

const tableSchema = z.object({
  source: z.string().min(1).optional(),
  tiers: z
    .array(
      z.object({
        upToInputTokens: z.number().int().positive().optional(),
        inputPerMillion: z.number().nonnegative(),
        outputPerMillion: z.number().nonnegative(),
      }),
    )
    .min(1),
});

/**
 * A whole price table from a JSON file (`--price-table`, MODELSTREAM_PRICE_TABLE): US dollars per million
 * tokens, by prompt-size tier, the last tier without `upToInputTokens`. Image-token rules stay the spec's.
 */
export async function readPriceTable(file: string, setting: string, model: ModelSpec): Promise<ModelPricing> {
  const text = await readFile(file, 'utf8').catch((error: { code?: string }) => {
    throw new CliError(`${setting}: cannot read ${JSON.stringify(file)} (${error.code ?? 'unreadable'})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${setting}: ${JSON.stringify(file)} is not JSON`);
  }
  const parsed = tableSchema.safeParse(json);
  const tiers = parsed.data?.tiers;
  if (!parsed.success || !tiers || tiers.at(-1)?.upToInputTokens !== undefined) {
    throw new CliError(
      `${setting}: ${JSON.stringify(file)} is not allowed; use {"source": "...", "tiers": [{"upToInputTokens": 272000, "inputPerMillion": 30, "outputPerMillion": 180}, {"inputPerMillion": 60, "outputPerMillion": 270}]} (US dollars per million tokens; the last tier has no upToInputTokens)`,
    );
  }
  return {
    currency: 'USD',
    source: parsed.data.source ?? `the price table in ${file}`,
    tiers,
    imageTokens: model.pricing.imageTokens,
  };
}
