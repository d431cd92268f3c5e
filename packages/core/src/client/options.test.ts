import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { checkBaseUrl } from './options.js';

describe('checkBaseUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(checkBaseUrl('https://api.modelstream.ai/')).toBe('https://api.modelstream.ai');
    expect(checkBaseUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(checkBaseUrl('http://localhost:4010/')).toBe('http://localhost:4010');
    expect(checkBaseUrl('http://[::1]:4010')).toBe('http://[::1]:4010');
  });

  it('refuses plain http to a remote host unless opted in', () => {
    expect(() => checkBaseUrl('http://api.modelstream.ai')).toThrow(ValidationError);
    expect(() => checkBaseUrl('http://api.modelstream.ai')).toThrow(
      /baseUrl: "http:\/\/api.modelstream.ai" is not allowed; use an https URL/,
    );
    expect(checkBaseUrl('http://gateway.internal:8080', true)).toBe('http://gateway.internal:8080');
    expect(() => checkBaseUrl('ftp://x')).toThrow(ValidationError);
  });
});
