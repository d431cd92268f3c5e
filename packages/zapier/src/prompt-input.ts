import {
  checkCostCeiling,
  estimateCost,
  type ModelParams,
  type ModelStreamClient,
  resolvePricing,
  validateParams,
} from '@modelstream-kit/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientFor, type Resolved, type StepBudget } from './client.js';
import { maxCostOf, priceMultiplierOf } from './connection-settings.js';
import { ADVANCED_TOGGLE, isYes, type ReadPromptOptions, readPromptParams } from './fields.js';
import { filesToDataUrls, readImageFileUrls } from './images.js';

export interface PromptSource extends ReadPromptOptions {
  /** Parameters the step sets itself (a task's prompt, system prompt, response format), merged last. */
  fixed?: ModelParams;
}

/**
 * Everything a prompt step needs before it calls the model: the parameters checked against the spec (image
 * files counted in), the Max Cost ceiling checked on the worst case, a client for the connection's server,
 * and then the files downloaded as data URLs. Bad input fails before any request; only valid input
 * downloads files.
 */
export async function preparePrompt(
  z: ZObject,
  bundle: Bundle,
  options: Resolved,
  budget: StepBudget,
  source: PromptSource = {},
): Promise<{ params: ModelParams; client: ModelStreamClient }> {
  const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
  const maxCostUsd = maxCostOf(inputData);
  const params = { ...readPromptParams(options.model, inputData, source), ...source.fixed };
  if (source.fixed) validateParams(options.model, params);
  const files = isYes(inputData[ADVANCED_TOGGLE]) ? readImageFileUrls(inputData) : [];
  const urls = (params.image_urls as string[] | undefined) ?? [];
  const counted = files.length > 0 ? { ...params, image_urls: [...urls, ...files] } : params;
  if (files.length > 0) validateParams(options.model, counted);
  if (maxCostUsd !== undefined) {
    const pricing = resolvePricing(options.model, { multiplier: priceMultiplierOf(bundle) });
    checkCostCeiling(estimateCost(options.model, counted, { pricing }), maxCostUsd, 'max_cost_usd');
  }
  const client = clientFor(z, bundle, options);
  if (files.length === 0) return { params, client };
  const dataUrls = await filesToDataUrls(z, files, budget.left());
  return { params: { ...params, image_urls: [...urls, ...dataUrls] }, client };
}
