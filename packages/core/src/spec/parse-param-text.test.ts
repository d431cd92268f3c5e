import { describe, expect, it } from 'vitest';
import { getParamSpec } from './catalogue.js';
import { gpt54Pro } from './gpt-5.4-pro.js';
import { parseParamText } from './parse-param-text.js';

const param = (name: string) => getParamSpec(gpt54Pro, name)!;

describe('parseParamText', () => {
  it('parses integers, booleans and URL lists; empty means unset', () => {
    expect(parseParamText(gpt54Pro, param('max_output_tokens'), ' 4096 ')).toBe(4096);
    expect(parseParamText(gpt54Pro, param('store'), 'No')).toBe(false);
    expect(parseParamText(gpt54Pro, param('background'), 'true')).toBe(true);
    expect(
      parseParamText(gpt54Pro, param('image_urls'), 'https://a/1.png, https://a/2.png\nhttps://a/3.png'),
    ).toEqual(['https://a/1.png', 'https://a/2.png', 'https://a/3.png']);
    expect(
      parseParamText(gpt54Pro, param('image_urls'), 'data:image/png;base64,iVBO=,https://a/2.png'),
    ).toEqual(['data:image/png;base64,iVBO=', 'https://a/2.png']);
    expect(parseParamText(gpt54Pro, param('verbosity'), '')).toBeUndefined();
    expect(parseParamText(gpt54Pro, param('prompt'), '  keep spaces ')).toBe('  keep spaces ');
  });

  it('names the field and the allowed values when the text does not parse', () => {
    expect(() => parseParamText(gpt54Pro, param('max_output_tokens'), 'lots')).toThrow(
      'max_output_tokens: "lots" is not allowed for gpt-5.4-pro; use a whole number from 1 to 128,000',
    );
    expect(() => parseParamText(gpt54Pro, param('store'), 'maybe')).toThrow('use true or false');
  });
});
