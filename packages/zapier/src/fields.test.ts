import { gpt54Pro, type ParamSpec, ValidationError } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import {
  ADAPTER_OWNED,
  ADVANCED_TOGGLE,
  fieldParams,
  IMAGE_FILES,
  inputFieldsFor,
  maxCostField,
  readPromptParams,
} from './fields.js';

const plain = (entries: ReturnType<typeof inputFieldsFor>) =>
  entries.filter((e): e is PlainInputField => typeof e !== 'function');

const dynamic = (entries: ReturnType<typeof inputFieldsFor>, inputData: Record<string, unknown>) => {
  const fn = entries.find((e) => typeof e === 'function');
  if (typeof fn !== 'function') throw new Error('no dynamic fields');
  return fn({} as ZObject, { inputData } as unknown as Bundle);
};

const all = (): PlainInputField[] => {
  const entries = inputFieldsFor(gpt54Pro);
  return [...plain(entries), ...dynamic(entries, { [ADVANCED_TOGGLE]: 'true' })];
};

function errorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('input fields generated from the spec', () => {
  it('has one field per user-settable parameter, keyed by canonical name, with the spec label', () => {
    const fields = all();
    for (const param of fieldParams(gpt54Pro)) {
      const field = fields.find((f) => f.key === param.name);
      expect(field, param.name).toBeDefined();
      expect(field?.label).toBe(param.label);
      expect(field?.helpText).toContain(param.description);
      expect(field?.helpText).toContain(param.allowed);
      expect(field?.required ?? false).toBe(param.required === true);
    }
    expect(fieldParams(gpt54Pro).length).toBe(gpt54Pro.params.length - ADAPTER_OWNED.size);
    const keys = fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves out only what the adapter decides itself (streaming, background mode)', () => {
    const keys = all().map((f) => f.key);
    for (const name of ADAPTER_OWNED) {
      expect(gpt54Pro.params.some((p) => p.name === name)).toBe(true);
      expect(keys).not.toContain(name);
    }
  });

  it('renders each kind in Zapier terms: choices from the spec, lists, integers, booleans, long text', () => {
    const fields = all();
    const byKind = (kind: ParamSpec['kind']) => fieldParams(gpt54Pro).filter((p) => p.kind === kind);
    for (const param of byKind('choice')) {
      const field = fields.find((f) => f.key === param.name);
      expect(field?.choices).toEqual(
        param.choices?.map((c) => expect.objectContaining({ value: c.value, sample: c.value })),
      );
    }
    for (const param of byKind('url-list')) expect(fields.find((f) => f.key === param.name)?.list).toBe(true);
    for (const param of byKind('integer'))
      expect(fields.find((f) => f.key === param.name)?.type).toBe('integer');
    for (const param of byKind('boolean'))
      expect(fields.find((f) => f.key === param.name)?.type).toBe('boolean');
    for (const param of byKind('long-text'))
      expect(fields.find((f) => f.key === param.name)?.type).toBe('text');
  });

  it('shows the basic parameters and a toggle; the advanced ones only once the toggle is on', () => {
    const entries = inputFieldsFor(gpt54Pro);
    const basicKeys = fieldParams(gpt54Pro)
      .filter((p) => p.group === 'basic')
      .map((p) => p.name);
    const advancedKeys = fieldParams(gpt54Pro)
      .filter((p) => p.group === 'advanced')
      .map((p) => p.name);
    expect(plain(entries).map((f) => f.key)).toEqual([...basicKeys, maxCostField.key, ADVANCED_TOGGLE]);
    expect(plain(entries).find((f) => f.key === ADVANCED_TOGGLE)?.altersDynamicFields).toBe(true);
    expect(dynamic(entries, {})).toEqual([]);
    expect(dynamic(entries, { [ADVANCED_TOGGLE]: 'false' })).toEqual([]);
    const shown = dynamic(entries, { [ADVANCED_TOGGLE]: 'yes' }).map((f) => f.key);
    expect(shown).toEqual(expect.arrayContaining([...advancedKeys, IMAGE_FILES]));
    expect(shown.indexOf(IMAGE_FILES)).toBe(shown.indexOf('image_urls') + 1);
  });
});

describe('readPromptParams', () => {
  it('turns what Zapier sends (strings, numbers, lists) into typed parameters', () => {
    const params = readPromptParams(gpt54Pro, {
      prompt: 'Hello',
      [ADVANCED_TOGGLE]: 'true',
      max_output_tokens: '12000',
      store: 'false',
      reasoning_effort: 'high',
      image_urls: ['https://example.com/a.png, https://example.com/b.png', 'https://example.com/c.png'],
      topic: 42,
      unrelated_zapier_field: 'ignored',
    });
    expect(params).toEqual({
      prompt: 'Hello',
      max_output_tokens: 12000,
      store: false,
      reasoning_effort: 'high',
      image_urls: ['https://example.com/a.png', 'https://example.com/b.png', 'https://example.com/c.png'],
      topic: '42',
    });
  });

  it('ignores advanced values while the advanced options are hidden', () => {
    expect(readPromptParams(gpt54Pro, { prompt: 'Hi', reasoning_effort: 'nonsense' })).toEqual({
      prompt: 'Hi',
    });
  });

  it('reports every bad field at once with the spec message, naming the value and what is allowed', () => {
    const error = errorOf(() =>
      readPromptParams(gpt54Pro, {
        prompt: '   ',
        [ADVANCED_TOGGLE]: 'yes',
        reasoning_effort: 'low',
        max_output_tokens: 'lots',
        verbosity: 'extreme',
      }),
    );
    const fields = error.issues.map((i) => i.field).sort();
    expect(fields).toEqual(['max_output_tokens', 'prompt', 'reasoning_effort', 'verbosity']);
    const effort = gpt54Pro.params.find((p) => p.name === 'reasoning_effort');
    expect(error.message).toContain(
      `reasoning_effort: "low" is not allowed for gpt-5.4-pro; use ${effort?.allowed}`,
    );
    expect(error.message).toContain('max_output_tokens: "lots"');
  });

  it('requires the prompt', () => {
    expect(errorOf(() => readPromptParams(gpt54Pro, {})).issues[0]?.field).toBe('prompt');
  });
});
