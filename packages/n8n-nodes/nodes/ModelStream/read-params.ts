import { type ModelSpec, readParamsOrThrow } from '@modelstream-kit/core';
import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { fieldName } from './spec-properties';

/**
 * The model's parameters for one item, by canonical name, without the ones left empty: the core's
 * readParams over the node's fields (typed text parsed, every bad value at once). Ranges and choices are
 * checked with the whole request, before anything is sent.
 */
export function readModelParams(
  ctx: IExecuteFunctions,
  itemIndex: number,
  model: ModelSpec,
): Record<string, unknown> {
  const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
  return readParamsOrThrow(
    model,
    (param) =>
      param.group === 'basic'
        ? ctx.getNodeParameter(fieldName(param), itemIndex, '')
        : options[fieldName(param)],
    { validate: false },
  );
}

/** The names in "data, attachment_1" → ['data', 'attachment_1']. */
export function binaryPropertyNames(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Each named binary property of the item, checked to be there and to be an image (nothing is read). */
export function binaryImages(ctx: IExecuteFunctions, itemIndex: number, names: readonly string[]) {
  const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
  return names.map((name) => {
    const entry = binary[name];
    if (!entry) {
      const available = Object.keys(binary);
      throw new NodeOperationError(
        ctx.getNode(),
        `Image Binary Properties: item ${itemIndex} has no binary property "${name}"; ${
          available.length > 0
            ? `it has ${available.map((n) => `"${n}"`).join(', ')}`
            : 'it has no binary data'
        }`,
        { itemIndex },
      );
    }
    if (!entry.mimeType?.startsWith('image/')) {
      throw new NodeOperationError(
        ctx.getNode(),
        `Image Binary Properties: binary property "${name}" is ${entry.mimeType || 'of unknown type'}, not an image; use image/png, image/jpeg, image/webp or image/gif`,
        { itemIndex },
      );
    }
    return { name, mimeType: entry.mimeType };
  });
}

/** Each named binary property of the item as a data URL; anything but an image is refused by name. */
export async function binaryImagesAsDataUrls(
  ctx: IExecuteFunctions,
  itemIndex: number,
  names: readonly string[],
): Promise<string[]> {
  const urls: string[] = [];
  for (const { name, mimeType } of binaryImages(ctx, itemIndex, names)) {
    const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
    urls.push(`data:${mimeType};base64,${buffer.toString('base64')}`);
  }
  return urls;
}
