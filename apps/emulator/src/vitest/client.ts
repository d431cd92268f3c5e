import { createClient, type ModelStreamClient } from '@modelstream-kit/core';
import { createUndiciTransport, timerClock } from '@modelstream-kit/core/node';
import type { Emulator } from '../server.js';

/** Obviously fake; tests assert it never shows up anywhere a person could see it. */
export const FAKE_KEY = 'sk-test-not-a-real-key-0001';

/** Retries without a server hint wait 5-20 ms instead of 0.5-20 s. */
export const QUICK_BACKOFF = { baseMs: 5, maxMs: 20 } as const;

/** Polls of a background job every 25-100 ms instead of 1-10 s. */
export const QUICK_POLL = { initialMs: 25, factor: 1.5, maxMs: 100 } as const;

export type TestClientOptions = Partial<Parameters<typeof createClient>[0]>;

/** The core's client on the real undici transport and real timers, pointed at the emulator, quick to retry and poll. */
export function clientFor(emulator: Emulator, overrides: TestClientOptions = {}): ModelStreamClient {
  return createClient({
    transport: createUndiciTransport(),
    clock: timerClock,
    apiKey: FAKE_KEY,
    baseUrl: emulator.url,
    backoff: { ...QUICK_BACKOFF },
    poll: { ...QUICK_POLL },
    ...overrides,
  });
}
