import { gpt54Pro, ValidationError, validateParams } from '@modelstream-kit/core';
import type { INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import zodPackage from 'zod/package.json';
import {
  binaryImagesAsDataUrls,
  binaryPropertyNames,
  readModelParams,
} from '../nodes/ModelStream/read-params';
import { createContext, TEST_KEY } from './n8n-context';

const credentials = { apiKey: TEST_KEY, baseUrl: 'http://127.0.0.1:9' };
const PNG = 'iVBORw0KGgo=';

function paramsOf(parameters: Record<string, unknown>, items: INodeExecutionData[] = [{ json: {} }]) {
  const { ctx } = createContext({ items, parameters: parameters as never, credentials });
  return readModelParams(ctx, 0, gpt54Pro);
}

describe('parameter mapping', () => {
  it('maps n8n field names to the API names and leaves out what is empty', () => {
    const params = paramsOf({
      prompt: 'Hello',
      systemPrompt: '',
      options: {
        reasoningEffort: 'xhigh',
        maxOutputTokens: 2000,
        responseFormat: 'json_object',
        store: false,
        topic: '',
        imageUrls: [],
      },
    });
    expect(params).toEqual({
      prompt: 'Hello',
      reasoning_effort: 'xhigh',
      max_output_tokens: 2000,
      response_format: 'json_object',
      store: false,
    });
  });

  it('reads text from expressions into the spec types', () => {
    const params = paramsOf({
      prompt: 'Hi',
      options: { maxOutputTokens: '4000', background: 'false', verbosity: 'low' },
    });
    expect(params).toMatchObject({ max_output_tokens: 4000, background: false, verbosity: 'low' });
  });

  it('rejects a typed value that is not a number, naming the field and what is allowed', () => {
    expect(() => paramsOf({ prompt: 'Hi', options: { maxOutputTokens: 'lots' } })).toThrow(
      /max_output_tokens: "lots" is not allowed for gpt-5\.4-pro; use a whole number from 1 to 128,000/,
    );
  });

  it('leaves range and enum checks to the core, which names field, value and allowed values', () => {
    const params = paramsOf({ prompt: 'Hi', options: { reasoningEffort: 'low' } });
    expect(() => validateParams(gpt54Pro, params)).toThrow(ValidationError);
    expect(() => validateParams(gpt54Pro, params)).toThrow(
      'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
  });

  it('splits image URLs typed as text without breaking data URLs at their comma', () => {
    const data = `data:image/png;base64,${PNG}`;
    expect(
      paramsOf({
        prompt: 'Hi',
        options: { imageUrls: `https://a.example/1.png, ${data}\nhttps://b.example/2.png` },
      }).image_urls,
    ).toEqual(['https://a.example/1.png', data, 'https://b.example/2.png']);
    expect(
      paramsOf({ prompt: 'Hi', options: { imageUrls: [`https://a.example/x.png,${data}`] } }).image_urls,
    ).toEqual(['https://a.example/x.png', data]);
  });

  it('runs on the zod n8n ships (3.25.x, through its zod/v4 entry)', () => {
    expect(zodPackage.version).toMatch(/^3\.25\./);
    // zod 3.25's v4 entry reports core version 4.0.0; zod 4 itself reports its own minor.
    const schema = gpt54Pro.params[0]?.schema as unknown as {
      _zod: { version: { major: number; minor: number } };
    };
    expect(schema._zod.version).toMatchObject({ major: 4, minor: 0 });
  });
});

describe('binary images', () => {
  const items: INodeExecutionData[] = [
    {
      json: {},
      binary: {
        data: { data: PNG, mimeType: 'image/png', fileName: 'a.png' },
        report: { data: 'JVBERi0=', mimeType: 'application/pdf', fileName: 'r.pdf' },
      },
    },
  ];

  it('reads comma-separated property names', () => {
    expect(binaryPropertyNames(' data, attachment_1 ,,')).toEqual(['data', 'attachment_1']);
    expect(binaryPropertyNames(undefined)).toEqual([]);
  });

  it('turns each named binary image into a data URL', async () => {
    const { ctx } = createContext({ items, parameters: {}, credentials });
    expect(await binaryImagesAsDataUrls(ctx, 0, ['data'])).toEqual([`data:image/png;base64,${PNG}`]);
  });

  it('names a missing property and the ones the item has', async () => {
    const { ctx } = createContext({ items, parameters: {}, credentials });
    await expect(binaryImagesAsDataUrls(ctx, 0, ['photo'])).rejects.toThrow(
      'Image Binary Properties: item 0 has no binary property "photo"; it has "data", "report"',
    );
  });

  it('refuses binary data that is not an image, by name and type', async () => {
    const { ctx } = createContext({ items, parameters: {}, credentials });
    await expect(binaryImagesAsDataUrls(ctx, 0, ['report'])).rejects.toThrow(
      'binary property "report" is application/pdf, not an image',
    );
  });
});
