import {
  checkCostCeiling,
  estimateCost,
  type ModelPricing,
  type ModelSpec,
  resolveDelivery,
  resolvePricing,
  ValidationError,
  validateParams,
} from '@modelstream-kit/core';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_MAX_WAIT_MINUTES } from './node-properties';
import { binaryImages, binaryPropertyNames, readModelParams } from './read-params';

/** One item of "Message", read and checked before any item is sent. */
export interface Prepared {
  params: Record<string, unknown>;
  imageNames: string[];
}

export const numberParam = (
  ctx: IExecuteFunctions,
  name: string,
  itemIndex: number,
  fallback: number,
): number => {
  const value = Number(ctx.getNodeParameter(name, itemIndex, fallback));
  return Number.isFinite(value) ? value : fallback;
};

export function waitSettings(ctx: IExecuteFunctions, itemIndex: number) {
  const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
  const minutes = numberParam(ctx, 'maxWaitMinutes', itemIndex, DEFAULT_MAX_WAIT_MINUTES);
  return { wait, maxWaitMs: (minutes > 0 ? minutes : DEFAULT_MAX_WAIT_MINUTES) * 60_000 };
}

/** The item's request, validated, and within Max Cost (USD) at the prices in force: nothing sent yet. */
export function prepare(
  ctx: IExecuteFunctions,
  itemIndex: number,
  model: ModelSpec,
  pricing: ModelPricing,
): Prepared {
  const params = readModelParams(ctx, itemIndex, model);
  const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
  const imageNames = binaryImages(ctx, itemIndex, binaryPropertyNames(options.imageBinaryProperties)).map(
    (image) => image.name,
  );
  validateParams(model, params);
  resolveDelivery(model, params);
  const maxCost = numberParam(ctx, 'options.maxCostUsd', itemIndex, 0);
  if (maxCost > 0) {
    const images = (params.image_urls as string[] | undefined) ?? [];
    const counted = { ...params, image_urls: [...images, ...imageNames] };
    checkCostCeiling(estimateCost(model, counted, { pricing }), maxCost, 'Max Cost (USD)');
  }
  return { params, imageNames };
}

/** The prices answers are reckoned at: the spec's list prices × Price Multiplier. */
export function pricingOf(
  ctx: IExecuteFunctions,
  model: ModelSpec,
): { multiplier: number; pricing: ModelPricing } {
  const multiplier = numberParam(ctx, 'options.priceMultiplier', 0, 1);
  if (!(multiplier > 0)) {
    const message = `Price Multiplier: ${multiplier} is not allowed; use a number above 0 (1 = list prices)`;
    throw new ValidationError([
      { field: 'Price Multiplier', value: multiplier, allowed: 'a number above 0', message },
    ]);
  }
  return { multiplier, pricing: resolvePricing(model, { multiplier }) };
}

/** The credential's Job Path, checked to hold {id}; empty: the core's default and its discovery. */
export function jobPathOf(value: string | undefined): string | undefined {
  const jobPath = value?.trim() || undefined;
  if (jobPath !== undefined && !/^\/\S*\{id\}/.test(jobPath)) {
    const message = `Job Path: ${JSON.stringify(jobPath)} is not allowed; use a path holding {id}, such as /v1/chat/completions/{id}`;
    throw new ValidationError([
      { field: 'Job Path', value: jobPath, allowed: 'a path holding {id}', message },
    ]);
  }
  return jobPath;
}
