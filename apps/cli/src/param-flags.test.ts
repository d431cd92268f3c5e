import { gpt54Pro, toKebabCase, ValidationError, validateParams } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { flagOfField, paramFlagDocs, paramOptions, paramsFromFlags } from './param-flags.js';

const messageFor = (input: Record<string, unknown>) => {
  try {
    validateParams(gpt54Pro, { prompt: 'x', ...input });
  } catch (error) {
    return (error as ValidationError).message;
  }
  throw new Error('expected a validation error');
};

describe('flags generated from the spec', () => {
  it('has one flag per parameter but the prompt, with the spec help text; booleans get a --no- twin', () => {
    const docs = paramFlagDocs(gpt54Pro);
    for (const param of gpt54Pro.params) {
      const flag = `--${toKebabCase(param.name)}`;
      const doc = docs.find((d) => d.flags.split(' ')[0] === flag);
      if (param.name === 'prompt') {
        expect(doc).toBeUndefined();
        continue;
      }
      expect(doc?.description).toContain(param.description);
      if (param.kind === 'boolean')
        expect(docs.some((d) => d.flags === `--no-${toKebabCase(param.name)}`)).toBe(true);
      else expect(doc?.description).toContain(param.allowed);
    }
    expect(paramOptions(gpt54Pro).map((o) => o.long)).toEqual(docs.map((d) => d.flags.split(' ')[0]));
  });

  it('shows choices in the value name: --reasoning-effort <medium|high|xhigh>', () => {
    const choices = gpt54Pro.params.find((p) => p.name === 'reasoning_effort')?.choices?.map((c) => c.value);
    expect(paramFlagDocs(gpt54Pro).map((d) => d.flags)).toContain(
      `--reasoning-effort <${choices?.join('|')}>`,
    );
  });

  it('reads typed text into typed parameters with parseParamText', () => {
    expect(
      paramsFromFlags(gpt54Pro, {
        reasoningEffort: 'high',
        maxOutputTokens: '2000',
        store: false,
        imageUrls: ['https://a.test/1.png,https://a.test/2.png', 'https://a.test/3.png'],
        systemPrompt: '',
      }),
    ).toEqual({
      reasoning_effort: 'high',
      max_output_tokens: 2000,
      store: false,
      image_urls: ['https://a.test/1.png', 'https://a.test/2.png', 'https://a.test/3.png'],
    });
  });

  it('reports every unparseable value at once, in the spec words', () => {
    const error = (() => {
      try {
        paramsFromFlags(gpt54Pro, { maxOutputTokens: 'lots', background: 'maybe' });
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.issues.map((i) => i.field)).toEqual(['max_output_tokens', 'background']);
    expect(error?.message).toContain(gpt54Pro.params.find((p) => p.name === 'max_output_tokens')?.allowed);
  });

  it('leaves range and choice checks to validateParams, whose message names the field and what is allowed', () => {
    const params = paramsFromFlags(gpt54Pro, { reasoningEffort: 'low' });
    expect(params).toEqual({ reasoning_effort: 'low' });
    expect(messageFor(params)).toMatch(/^reasoning_effort: "low" is not allowed for gpt-5\.4-pro; use /);
  });

  it('points an issue at its flag', () => {
    expect(flagOfField(gpt54Pro, 'image_urls[2]')).toBe('--image-urls');
    expect(flagOfField(gpt54Pro, 'prompt')).toBeUndefined();
    expect(flagOfField(gpt54Pro, 'nonsense')).toBeUndefined();
  });
});
