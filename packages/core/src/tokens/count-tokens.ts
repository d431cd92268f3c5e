import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Longest slice handed to the tokenizer at once. Byte-pair merging is quadratic in the length of one
 * pre-tokenized piece, so a 4 MB run without spaces would take minutes in one call; slices of this size
 * cut at whitespace keep the count exact for ordinary text and bounded for pathological input.
 */
const SLICE = 512;
const CACHE_MIN_LENGTH = 4096;
const CACHE_SIZE = 16;
const cache = new Map<string, number>();

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** A single space before a word: o200k starts a new piece there whatever came before. */
function isWordStart(text: string, at: number): boolean {
  return text.charCodeAt(at) === 32 && !isSpace(text.charCodeAt(at - 1)) && !isSpace(text.charCodeAt(at + 1));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function countSliced(text: string): number {
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + SLICE, text.length);
    if (end < text.length) {
      // Cut just before a space, so the space stays with the word it introduces (as o200k pieces do).
      let cut = end;
      while (cut > start + SLICE / 2 && !isWordStart(text, cut)) cut--;
      if (cut > start + SLICE / 2) end = cut;
      else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    }
    total += countO200k(text.slice(start, end));
    start = end;
  }
  return total;
}

/** Tokens of a text in the o200k encoding (GPT-5's). Long texts are remembered, as benchmarks resend them. */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  if (text.length <= SLICE) return countO200k(text);
  if (text.length < CACHE_MIN_LENGTH) return countSliced(text);
  const known = cache.get(text);
  if (known !== undefined) return known;
  const count = countSliced(text);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(text, count);
  return count;
}
