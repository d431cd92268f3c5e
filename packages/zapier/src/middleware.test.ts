import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { addBearerToken, isModelStreamUrl } from './middleware.js';

const KEY = 'sk-test-not-a-real-key';
const bundle = (base_url?: string) =>
  ({ authData: { api_key: KEY, ...(base_url ? { base_url } : {}) } }) as unknown as Bundle;
const add = (url: string, b: Bundle) =>
  addBearerToken(
    { url, headers: { accept: 'application/json' } as Record<string, string> },
    {} as ZObject,
    b,
  );

describe('addBearerToken (beforeRequest)', () => {
  it("adds the key for the connection's server, keeping the other headers", () => {
    expect(add('https://api.modelstream.ai/v1/chat/completions', bundle()).headers).toEqual({
      accept: 'application/json',
      Authorization: `Bearer ${KEY}`,
    });
    expect(
      add('http://127.0.0.1:4010/v1/models', bundle('http://127.0.0.1:4010')).headers?.Authorization,
    ).toBe(`Bearer ${KEY}`);
  });

  it('never sends the key anywhere else: image hosts, look-alike hosts, other ports or schemes', () => {
    for (const url of [
      'https://files.example.com/cat.png',
      'https://api.modelstream.ai.evil.example/v1/models',
      'https://api.modelstream.ai:8443/v1/models',
      'http://api.modelstream.ai/v1/models',
      'not a url',
    ]) {
      expect(add(url, bundle()).headers?.Authorization, url).toBeUndefined();
    }
  });

  it('matches by origin, so a gateway base URL with a path still gets the key', () => {
    expect(
      isModelStreamUrl(
        'https://gw.example.com/modelstream/v1/models',
        bundle('https://gw.example.com/modelstream'),
      ),
    ).toBe(true);
  });
});
