import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { createNodeClient } from './create-node-client.js';
import { readEnvironment, readEnvironmentOptions } from './environment.js';
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

describe('readEnvironmentOptions: prices, the cost ceiling and prompt logging', () => {
  it('reads MODELSTREAM_PRICE_MULTIPLIER, MODELSTREAM_MAX_COST_USD and MODELSTREAM_LOG_PROMPTS', () => {
    expect(
      readEnvironmentOptions({
        MODELSTREAM_PRICE_MULTIPLIER: '1.25',
        MODELSTREAM_MAX_COST_USD: '0.5',
        MODELSTREAM_LOG_PROMPTS: 'yes',
      }),
    ).toEqual({ pricing: { multiplier: 1.25 }, maxCostUsd: 0.5, logPrompts: true });
    expect(
      readEnvironmentOptions({ MODELSTREAM_LOG_PROMPTS: '0', MODELSTREAM_PRICE_MULTIPLIER: ' ' }),
    ).toEqual({
      logPrompts: false,
    });
  });

  it('names the variable, the value and what is allowed', () => {
    expect(() => readEnvironmentOptions({ MODELSTREAM_PRICE_MULTIPLIER: '-2' })).toThrow(
      'MODELSTREAM_PRICE_MULTIPLIER: "-2" is not allowed; use a number above 0',
    );
    expect(() => readEnvironmentOptions({ MODELSTREAM_MAX_COST_USD: '$5' })).toThrow(
      'MODELSTREAM_MAX_COST_USD: "$5" is not allowed',
    );
    expect(() => readEnvironmentOptions({ MODELSTREAM_LOG_PROMPTS: 'maybe' })).toThrow(
      'MODELSTREAM_LOG_PROMPTS: "maybe" is not allowed; use true or false',
    );
  });

  it('MODELSTREAM_MAX_COST_USD reaches the client: an unbounded request is refused before sending', async () => {
    const client = createNodeClient({
      env: { MODELSTREAM_API_KEY: 'sk-test-env', MODELSTREAM_MAX_COST_USD: '1' },
    });
    // 128,000 output tokens at $180/M: the worst case of an unbounded request is $23.04, above $1.
    await expect(client.complete({ prompt: 'hi' })).rejects.toThrow(
      /maxCostUsd: this request may cost up to ≤ \$23\.04/,
    );
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
