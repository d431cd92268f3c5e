import { type ModelSpec, type ParamSpec, parseParamText } from '@modelstream-kit/core';
import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { fieldName } from './spec-properties';

/** A field's value as n8n gives it (typed, or text from an expression) → the spec's type. */
function fromField(model: ModelSpec, param: ParamSpec, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (param.kind === 'url-list') {
    const texts = Array.isArray(value) ? value.map(String) : [String(value)];
    const list = texts.flatMap((text) => (parseParamText(model, param, text) as string[] | undefined) ?? []);
    return list.length > 0 ? list : undefined;
  }
  if (param.kind === 'text' || param.kind === 'long-text') {
    return value === '' ? undefined : value;
  }
  if (typeof value === 'string') return parseParamText(model, param, value);
  return value;
}

/** The model's parameters for one item, by canonical name, without the ones left empty. */
export function readModelParams(
  ctx: IExecuteFunctions,
  itemIndex: number,
  model: ModelSpec,
): Record<string, unknown> {
  const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
  const params: Record<string, unknown> = {};
  for (const param of model.params) {
    const raw =
      param.group === 'basic'
        ? ctx.getNodeParameter(fieldName(param), itemIndex, '')
        : options[fieldName(param)];
    const value = fromField(model, param, raw);
    if (value !== undefined) params[param.name] = value;
  }
  return params;
}

/** The names in "data, attachment_1" → ['data', 'attachment_1']. */
export function binaryPropertyNames(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Each named binary property of the item as a data URL; anything but an image is refused by name. */
export async function binaryImagesAsDataUrls(
  ctx: IExecuteFunctions,
  itemIndex: number,
  names: readonly string[],
): Promise<string[]> {
  const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
  const urls: string[] = [];
  for (const name of names) {
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
    const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
    urls.push(`data:${entry.mimeType};base64,${buffer.toString('base64')}`);
  }
  return urls;
}
