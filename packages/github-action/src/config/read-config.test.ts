import { gpt54Pro, ValidationError } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { readConfig } from './read-config.js';

/** Inputs as GitHub passes them: every input with a default in action.yml arrives filled. */
const defaults: Record<string, string> = {
  'base-url': 'https://api.modelstream.ai',
  store: 'true',
  background: 'true',
  stream: 'false',
  'github-token': 'ghs_x',
  comment: 'sticky',
  'comment-key': 'pr-summary',
  'max-diff-tokens': '50000',
  'timeout-minutes': '30',
  force: 'false',
  'fail-on-error': 'true',
};
const read = (inputs: Record<string, string>, event = 'pull_request') =>
  readConfig(
    gpt54Pro,
    (name) => ({ ...defaults, 'api-key': 'sk-test-not-a-real-key', ...inputs })[name] ?? '',
    event,
  );

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.message);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('readConfig', () => {
  it('summarises on pull requests by default, with background on and API defaults not sent', () => {
    const config = read({ 'reasoning-effort': 'high' });
    expect(config.mode).toBe('summarize');
    expect(config.params).toEqual({ reasoning_effort: 'high', background: true });
    expect(config.timeoutMs).toBe(30 * 60_000);
    expect(config.comment).toBe('sticky');
  });

  it('defaults to prompt mode elsewhere, and then needs a prompt', () => {
    expect(read({ prompt: 'Hi' }, 'push').mode).toBe('prompt');
    expect(issuesOf(() => read({}, 'push'))).toEqual([
      expect.stringMatching(/^input prompt: is required in prompt mode \(the event is push/),
    ]);
  });

  it('types every spec parameter from its text', () => {
    const config = read({
      'max-output-tokens': '2000',
      'image-urls': 'https://x.test/a.png, https://x.test/b.png',
      store: 'false',
      'response-format': 'json_object',
      stream: 'true',
    });
    expect(config.params).toEqual({
      max_output_tokens: 2000,
      image_urls: ['https://x.test/a.png', 'https://x.test/b.png'],
      store: false,
      response_format: 'json_object',
      stream: true, // streaming asked for: background steps aside
    });
  });

  it('reports every bad input at once, naming the input, the value and what is allowed', () => {
    const messages = issuesOf(() =>
      read({
        'api-key': '',
        'reasoning-effort': 'low',
        'max-output-tokens': 'lots',
        'max-diff-tokens': '0',
        comment: 'always',
        mode: 'review',
        force: 'maybe',
      }),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^input api-key: is required/),
        'input reasoning-effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
        'input max-output-tokens: "lots" is not allowed for gpt-5.4-pro; use a whole number from 1 to 128,000',
        'input max-diff-tokens: "0" is not allowed; use a whole number from 1 to 1050000',
        'input comment: "always" is not allowed; use sticky, new or off',
        'input mode: "review" is not allowed; use summarize or prompt',
        'input force: "maybe" is not allowed; use true or false',
      ]),
    );
    expect(messages).toHaveLength(7);
    expect(messages.join('\n')).not.toContain('sk-test');
  });

  it('refuses a text and its file together', () => {
    expect(issuesOf(() => read({ prompt: 'a', 'prompt-file': 'p.md' }))).toEqual([
      'input prompt-file: cannot be combined with prompt; give one of them',
    ]);
  });
});
