import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countLines, fitLines, lineTokens, loadTokenizer } from './count-tokens.js';

await loadTokenizer();

describe('token counting', () => {
  it('counts a normal line exactly as the o200k tokenizer does', () => {
    const line = '+  const total = items.reduce((sum, item) => sum + item.price, 0);\n';
    expect(lineTokens(line)).toBe(countTokens(line));
  });

  it('counts a 2 MB line without a pre-tokenizer split in bounded slices (no quadratic blow-up)', () => {
    const line = 'x'.repeat(2_000_000);
    const started = performance.now();
    const tokens = lineTokens(line);
    expect(tokens).toBeGreaterThan(1000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('fits whole lines up to the limit and says where it cut', () => {
    const text = 'alpha beta\ngamma delta\nepsilon\n';
    const all = fitLines(text, 1_000);
    expect(all).toEqual({ tokens: all.tokens, lines: 3, end: text.length, complete: true });
    const firstTwo = lineTokens('alpha beta\n') + lineTokens('gamma delta\n');
    const cut = fitLines(text, firstTwo);
    expect(cut).toEqual({
      tokens: firstTwo,
      lines: 2,
      end: 'alpha beta\ngamma delta\n'.length,
      complete: false,
    });
    expect(fitLines(text, 0).lines).toBe(0);
  });

  it('counts lines', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
  });
});
