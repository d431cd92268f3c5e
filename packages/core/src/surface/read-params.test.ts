import { describe, expect, expectTypeOf, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { gpt54Pro } from '../spec/gpt-5.4-pro.js';
import { toKebabCase } from '../spec/naming.js';
import type { ParamsOf } from '../spec/param-spec.js';
import { readParams, readParamsOrThrow } from './read-params.js';

const from = (values: Record<string, unknown>) => (param: { name: string }) => values[param.name];

describe('readParams', () => {
  it('turns typed values and typed text into the spec’s types, leaving empty ones out', () => {
    const { params, issues } = readParams(
      gpt54Pro,
      from({
        prompt: 'Hello',
        system_prompt: '',
        max_output_tokens: '2000',
        store: 'no',
        background: true,
        image_urls: ['https://example.com/a.png, https://example.com/b.png', 'data:image/png;base64,AAAA'],
        topic: 42,
        verbosity: null,
      }),
    );
    expect(issues).toEqual([]);
    expect(params).toEqual({
      prompt: 'Hello',
      max_output_tokens: 2000,
      store: false,
      background: true,
      image_urls: ['https://example.com/a.png', 'https://example.com/b.png', 'data:image/png;base64,AAAA'],
      topic: '42',
    });
  });

  it('reports every problem at once, parse and range alike, each once', () => {
    const { issues } = readParams(
      gpt54Pro,
      from({ prompt: 'x', max_output_tokens: 'lots', reasoning_effort: 'low', verbosity: 'loud' }),
    );
    expect(issues.map((i) => i.field).sort()).toEqual(['max_output_tokens', 'reasoning_effort', 'verbosity']);
    expect(issues.find((i) => i.field === 'reasoning_effort')?.message).toBe(
      'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
  });

  it('does not require what it skips, and still requires the rest', () => {
    const skipPrompt = readParams(gpt54Pro, from({}), { skip: (p) => p.role === 'prompt' });
    expect(skipPrompt.issues).toEqual([]);
    const required = readParams(gpt54Pro, from({}));
    expect(required.issues.map((i) => i.message)).toEqual([
      'prompt: is required for gpt-5.4-pro; use a non-empty string',
    ]);
  });

  it('names fields the way the surface does', () => {
    const { issues } = readParams(
      gpt54Pro,
      from({ prompt: 'x', reasoning_effort: 'low', image_urls: ['ftp://nope'] }),
      { fieldName: (p) => toKebabCase(p.name) },
    );
    expect(issues.map((i) => i.field).sort()).toEqual(['image-urls[0]', 'reasoning-effort']);
    expect(issues.find((i) => i.field === 'reasoning-effort')?.message).toMatch(
      /^reasoning-effort: "low" is not allowed/,
    );
  });

  it('readParamsOrThrow throws one ValidationError with every issue', () => {
    expect(() => readParamsOrThrow(gpt54Pro, from({ prompt: '', verbosity: 'x' }))).toThrow(ValidationError);
    expect(readParamsOrThrow(gpt54Pro, from({ prompt: 'ok' }))).toEqual({ prompt: 'ok' });
  });

  it('infers each parameter’s type from the spec', () => {
    type Params = ParamsOf<typeof gpt54Pro>;
    expectTypeOf<Params['prompt']>().toEqualTypeOf<string>();
    expectTypeOf<Params['reasoning_effort']>().toEqualTypeOf<'medium' | 'high' | 'xhigh' | undefined>();
    expectTypeOf<Params['max_output_tokens']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Params['image_urls']>().toEqualTypeOf<string[] | undefined>();
  });
});
