import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { checkApiKey } from './api-key.js';

const KEY = 'sk-test-not-a-real-key-0002';

describe('checkApiKey', () => {
  it('trims a key and takes any prefix (ModelStream shows both sk- and ms-)', () => {
    expect(checkApiKey(`  ${KEY}\n`, 'apiKey')).toBe(KEY);
    expect(checkApiKey('ms-abcdef123456', 'apiKey')).toBe('ms-abcdef123456');
  });

  it('says how to get one when there is none, naming the setting', () => {
    expect(() => checkApiKey(undefined, 'MODELSTREAM_API_KEY')).toThrow(
      /^MODELSTREAM_API_KEY: is required; set MODELSTREAM_API_KEY to/,
    );
    expect(() => checkApiKey('  ', 'input api-key')).toThrow(/^input api-key: is required; give the API key/);
  });

  it.each([
    ['a line break', `${KEY.slice(0, 10)}\n${KEY.slice(10)}`],
    ['a carriage return', `${KEY.slice(0, 10)}\r${KEY.slice(10)}`],
    ['a space', `${KEY.slice(0, 10)} ${KEY.slice(10)}`],
    ['the character U+2013', `${KEY.slice(0, 10)}–${KEY.slice(10)}`],
  ])('refuses a key holding %s, without repeating it', (what, key) => {
    let error: unknown;
    try {
      checkApiKey(key, '--api-key-file');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as Error).message;
    expect(message).toContain(`--api-key-file: the key holds ${what} at position 11`);
    expect(message).not.toContain(KEY.slice(10));
    expect(JSON.stringify(error)).not.toContain(KEY.slice(10));
  });
});
