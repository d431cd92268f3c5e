/**
 * BPE is quadratic on long runs without a pre-tokenizer split (a 2 MB base64 line takes minutes), so
 * long lines are counted in slices of this many characters. Slicing can only add tokens, never hide any.
 */
const SLICE = 512;

type Count = (text: string) => number;
let count: Count | undefined;

/**
 * Loads the o200k tokenizer (`@modelstream-kit/core/tokens`, a separate chunk of the bundle: its
 * tables take a while to build, and a run that budgets no diff never needs them).
 */
export async function loadTokenizer(): Promise<Count> {
  count ??= (await import('@modelstream-kit/core/tokens')).countTokens;
  return count;
}

/** The tokenizer if it was loaded already. */
export const loadedTokenizer = (): Count | undefined => count;

function counter(): Count {
  if (!count) throw new Error('count-tokens: call loadTokenizer() before counting');
  return count;
}

/**
 * o200k tokens in one line (any length), counted in bounded slices; stops early once past `limit` (the
 * result is then some number above it). Needs loadTokenizer() first.
 */
export function lineTokens(line: string, limit = Number.POSITIVE_INFINITY): number {
  const countTokens = counter();
  if (line.length <= SLICE) return countTokens(line);
  let total = 0;
  for (let i = 0; i < line.length && total <= limit; i += SLICE)
    total += countTokens(line.slice(i, i + SLICE));
  return total;
}

export interface PrefixFit {
  /** Tokens of the lines that fit. */
  tokens: number;
  /** How many whole lines fit within the limit. */
  lines: number;
  /** End offset (in characters) of the lines that fit. */
  end: number;
  /** True when the whole text fit. */
  complete: boolean;
}

/**
 * How much of `text` fits in `limit` tokens, cut at line ends. Stops counting as soon as the limit is
 * passed, so the cost is bounded by the limit, not by the text's size.
 */
export function fitLines(text: string, limit: number): PrefixFit {
  let tokens = 0;
  let lines = 0;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    const cost = lineTokens(text.slice(start, end), limit - tokens);
    if (tokens + cost > limit) return { tokens, lines, end: start, complete: false };
    tokens += cost;
    lines++;
    start = end;
  }
  return { tokens, lines, end: text.length, complete: true };
}

/** Lines in a text (a trailing newline does not start another line). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (i < text.length - 1) n++;
  return n;
}
