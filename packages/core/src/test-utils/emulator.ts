import { type Emulator, startEmulator } from '@modelstream-kit/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createClient, type ModelStreamClient } from '../client/create-client.js';
import type { ClientOptions } from '../client/options.js';
import { timerClock } from '../node/timer-clock.js';
import { closeDefaultAgent, createUndiciTransport } from '../node/undici-transport.js';

/** Obviously fake; tests assert it never shows up anywhere a person could see it. */
export const FAKE_KEY = 'sk-test-not-a-real-key-0001';

/** One emulator for the file, reset between tests. */
export function useEmulator(options: Parameters<typeof startEmulator>[0] = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, jobDurationMs: 300, ...options });
  });
  afterEach(() => emulator?.reset());
  afterAll(async () => {
    await emulator?.close();
    await closeDefaultAgent();
  });
  return () => {
    if (!emulator) throw new Error('emulator not started');
    return emulator;
  };
}

/** A client on the real undici transport and real timers, with quick backoff and polling. */
export function clientFor(emulator: Emulator, overrides: Partial<ClientOptions> = {}): ModelStreamClient {
  return createClient({
    transport: createUndiciTransport(),
    clock: timerClock,
    apiKey: FAKE_KEY,
    baseUrl: emulator.url,
    backoff: { baseMs: 5, maxMs: 20 },
    poll: { initialMs: 25, factor: 1.5, maxMs: 100 },
    ...overrides,
  });
}

export const posts = (emulator: Emulator) =>
  emulator.requests().filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');

/** Settles a promise into its error, failing the test when it resolves. */
export async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
