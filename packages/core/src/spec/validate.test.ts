import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { getModelSpec } from './catalogue.js';
import { gpt54Pro } from './gpt-5.4-pro.js';
import { validateParams } from './validate.js';

function issuesOf(input: Record<string, unknown>) {
  try {
    validateParams(gpt54Pro, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('the gpt-5.4-pro spec', () => {
  it('has the 13 documented form parameters, prompt required', () => {
    expect(gpt54Pro.params.map((p) => p.name)).toEqual([
      'prompt',
      'system_prompt',
      'image_urls',
      'image_detail',
      'reasoning_effort',
      'reasoning_summary',
      'verbosity',
      'max_output_tokens',
      'response_format',
      'store',
      'topic',
      'background',
      'stream',
    ]);
    expect(gpt54Pro.params.filter((p) => p.required).map((p) => p.name)).toEqual(['prompt']);
    for (const p of gpt54Pro.params) {
      expect(p.label, p.name).not.toBe('');
      expect(p.description, p.name).not.toBe('');
      expect(['basic', 'advanced']).toContain(p.group);
    }
  });

  it('is found in the catalogue, and an unknown model is refused by name', () => {
    expect(getModelSpec('gpt-5.4-pro')).toBe(gpt54Pro);
    expect(() => getModelSpec('gpt-9')).toThrow('model: "gpt-9" is not known; use gpt-5.4-pro');
  });
});

describe('validateParams', () => {
  it('accepts a full, valid set and drops absent values', () => {
    const params = validateParams(gpt54Pro, {
      prompt: 'Hello',
      system_prompt: 'Be brief',
      image_urls: ['https://example.com/a.png', 'data:image/png;base64,iVBORw0KGgo='],
      image_detail: 'high',
      reasoning_effort: 'xhigh',
      reasoning_summary: 'concise',
      verbosity: 'low',
      max_output_tokens: 128_000,
      response_format: 'json_object',
      store: false,
      topic: 'ci',
      background: true,
      stream: false,
      verbosityUnset: undefined,
    });
    expect(params.reasoning_effort).toBe('xhigh');
    expect('verbosityUnset' in params).toBe(false);
  });

  it('says which value is wrong and what is allowed, in the documented words', () => {
    expect(() => validateParams(gpt54Pro, { prompt: 'x', reasoning_effort: 'low' })).toThrow(
      'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
  });

  it.each([
    ['verbosity', 'loud', 'low, medium or high'],
    ['reasoning_summary', 'short', 'auto, concise or detailed'],
    ['image_detail', 'medium', 'auto, low or high'],
    ['response_format', 'json_schema', 'text or json_object'],
    ['max_output_tokens', 0, 'a whole number from 1 to 128,000'],
    ['max_output_tokens', 128_001, 'a whole number from 1 to 128,000'],
    ['max_output_tokens', 10.5, 'a whole number from 1 to 128,000'],
    ['max_output_tokens', '100', 'a whole number from 1 to 128,000'],
    ['store', 'yes', 'true or false'],
    ['background', 1, 'true or false'],
    ['stream', 'true', 'true or false'],
    ['topic', 'x'.repeat(65), 'a string of at most 64 characters'],
    ['system_prompt', 42, 'a string'],
  ])('%s = %j is refused with "%s"', (field, value, allowed) => {
    const [issue] = issuesOf({ prompt: 'x', [field]: value });
    expect(issue).toMatchObject({ field, value, allowed });
    expect(issue?.message).toContain(`${field}: `);
    expect(issue?.message).toContain(`use ${allowed}`);
  });

  it('requires a non-empty prompt', () => {
    expect(issuesOf({})[0]?.message).toBe('prompt: is required for gpt-5.4-pro; use a non-empty string');
    expect(issuesOf({ prompt: '   ' })[0]?.field).toBe('prompt');
  });

  it('checks each image URL and names the bad one by index', () => {
    const issues = issuesOf({
      prompt: 'x',
      image_urls: ['https://ok.example/a.png', 'ftp://nope', 'file:///etc/passwd'],
    });
    expect(issues.map((i) => i.field)).toEqual(['image_urls[1]', 'image_urls[2]']);
    expect(issues[0]?.message).toContain('"ftp://nope" is not allowed');
    expect(issuesOf({ prompt: 'x', image_urls: 'https://a' })[0]?.field).toBe('image_urls');
    expect(issuesOf({ prompt: 'x', image_urls: ['data:text/plain;base64,AAAA'] })[0]?.field).toBe(
      'image_urls[0]',
    );
  });

  it('refuses unknown fields by name, listing the known ones', () => {
    const [issue] = issuesOf({ prompt: 'x', temperature: 0.2 });
    expect(issue?.message).toMatch(
      /^temperature: is not a gpt-5\.4-pro parameter; use prompt, system_prompt, .* or stream$/,
    );
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({ reasoning_effort: 'low', verbosity: 'x', max_output_tokens: -1, nope: 1 });
    expect(issues.map((i) => i.field).sort()).toEqual([
      'max_output_tokens',
      'nope',
      'prompt',
      'reasoning_effort',
      'verbosity',
    ]);
  });

  it('keeps long values readable in messages', () => {
    const [issue] = issuesOf({ prompt: 'x', verbosity: 'v'.repeat(500) });
    expect(issue!.message.length).toBeLessThan(160);
  });
});
