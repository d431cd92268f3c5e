import { type ModelParams, type ModelStreamClient, validateParams } from '@modelstream-kit/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientFor, type Resolved, timeLeft } from './client.js';
import { ADVANCED_TOGGLE, isYes, readParams } from './fields.js';
import { filesToDataUrls, readImageFileUrls } from './images.js';

/**
 * Everything a prompt step needs before it calls the model: the parameters checked against the spec (image
 * files counted in), a client for the connection's server, and then the files downloaded as data URLs.
 * Bad input fails before any request; only valid input downloads files.
 */
export async function preparePrompt(
  z: ZObject,
  bundle: Bundle,
  options: Resolved,
  startedAt: number,
): Promise<{ params: ModelParams; client: ModelStreamClient }> {
  const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
  const params = readParams(options.model, inputData);
  const files = isYes(inputData[ADVANCED_TOGGLE]) ? readImageFileUrls(inputData) : [];
  const urls = (params.image_urls as string[] | undefined) ?? [];
  if (files.length > 0) validateParams(options.model, { ...params, image_urls: [...urls, ...files] });
  const client = clientFor(z, bundle, options);
  if (files.length === 0) return { params, client };
  const dataUrls = await filesToDataUrls(z, files, timeLeft(startedAt, options.budgetMs));
  return { params: { ...params, image_urls: [...urls, ...dataUrls] }, client };
}
