import { countTokens as rawCount } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countTokens } from './count-tokens.js';

function prose(chars: number): string {
  const words = [
    'alpha',
    'beta',
    'the',
    'quick',
    'brown',
    'fox',
    'naïve',
    '日本語',
    '🙂',
    '{',
    '})',
    '\n',
    'x1234',
  ];
  let out = '';
  for (let i = 0; out.length < chars; i++)
    out += words[(i * 7 + 3) % words.length] + (i % 11 === 0 ? '. ' : ' ');
  return out;
}

describe('countTokens', () => {
  it('matches the o200k tokenizer on short text', () => {
    for (const text of ['', 'Hello, world!', 'naïve café 🙂 日本語', '  spaced   out\n\nlines ']) {
      expect(countTokens(text)).toBe(rawCount(text));
    }
  });

  it('matches the o200k tokenizer exactly on long ordinary text, which it counts in slices', () => {
    const text = prose(200_000);
    expect(countTokens(text)).toBe(rawCount(text));
  });

  it('counts a long run without spaces in bounded time, close to the real count', () => {
    const run = 'abcdefghij'.repeat(2_000);
    const started = performance.now();
    const count = countTokens(run);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(Math.abs(count - rawCount(run)) / rawCount(run)).toBeLessThan(0.05);
  });

  it('never splits a surrogate pair when cutting a run without spaces', () => {
    const text = '🙂'.repeat(1_000);
    expect(Math.abs(countTokens(text) - rawCount(text))).toBeLessThan(rawCount(text) * 0.05);
  });

  it('remembers long texts it has counted', () => {
    const text = prose(2_000_000);
    let started = performance.now();
    const first = countTokens(text);
    const firstMs = performance.now() - started;
    started = performance.now();
    expect(countTokens(`${text}`)).toBe(first);
    expect(performance.now() - started).toBeLessThan(firstMs / 4);
  });
});
