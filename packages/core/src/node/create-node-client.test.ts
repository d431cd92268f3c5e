import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { createNodeClient } from './create-node-client.js';
import { readEnvironment } from './environment.js';
import { timerClock } from './timer-clock.js';

describe('createNodeClient', () => {
  it('reads the key and base URL from the environment', () => {
    const env = { MODELSTREAM_API_KEY: 'sk-test-env', MODELSTREAM_BASE_URL: 'http://127.0.0.1:4010' };
    expect(readEnvironment(env)).toEqual({ apiKey: 'sk-test-env', baseUrl: 'http://127.0.0.1:4010' });
    expect(createNodeClient({ env }).baseUrl).toBe('http://127.0.0.1:4010');
    expect(readEnvironment({ MODELSTREAM_API_KEY: '  ' }).apiKey).toBeUndefined();
  });

  it('says how to get a key when there is none', () => {
    expect(() => createNodeClient({ env: {} })).toThrow(ValidationError);
    expect(() => createNodeClient({ env: {} })).toThrow(/set MODELSTREAM_API_KEY/);
  });

  it('defaults to the public https endpoint and refuses remote plain http', () => {
    expect(createNodeClient({ env: { MODELSTREAM_API_KEY: 'sk-test-env' } }).baseUrl).toBe(
      'https://api.modelstream.ai',
    );
    expect(() => createNodeClient({ apiKey: 'sk-test-env', baseUrl: 'http://example.com' })).toThrow(/https/);
  });
});

describe('timerClock', () => {
  it('sleeps, and stops at once on abort', async () => {
    const start = Date.now();
    await timerClock.sleep(20);
    expect(Date.now() - start).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const pending = timerClock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
