import type { Emulator } from '@modelstream-kit/emulator';
import { QUICK_BACKOFF, QUICK_POLL, errorOf as settle, useEmulator } from '@modelstream-kit/emulator/vitest';
import { afterEach, vi } from 'vitest';
import { createAppTester } from 'zapier-platform-core';
import { createApp } from '../app.js';
import type { AppOptions } from '../client.js';

/** Obviously fake; the tests assert it never shows up in an output, an error or Zapier's logs. */
export const FAKE_KEY = 'sk-test-not-a-real-key-zap';

/** Short budget and quick polling, so "longer than the step allows" takes a second, not minutes. */
export const TEST_OPTIONS: AppOptions = {
  budgetMs: 1_500,
  poll: { ...QUICK_POLL },
  backoff: { ...QUICK_BACKOFF },
};

export interface Harness {
  emulator(): Emulator;
  app: ReturnType<typeof createApp>;
  tester: ReturnType<typeof createAppTester>;
  bundle(
    inputData?: Record<string, unknown>,
    extra?: { key?: string; sample?: boolean; baseUrl?: string },
  ): {
    authData: Record<string, string>;
    inputData: Record<string, unknown>;
    meta: Record<string, unknown>;
  };
}

/** One emulator per test file (loopback, port 0), reset between tests; the app run by Zapier's own tester. */
export function useZapier(options: AppOptions = {}): Harness {
  const get = useEmulator({ jobDurationMs: 300 });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const app = createApp({ ...TEST_OPTIONS, ...options });
  return {
    emulator: get,
    app,
    tester: createAppTester(app),
    bundle: (inputData = {}, extra = {}) => ({
      authData: { api_key: extra.key ?? FAKE_KEY, base_url: extra.baseUrl ?? get().url },
      inputData,
      meta: extra.sample ? { isLoadingSample: true } : {},
    }),
  };
}

/**
 * What Zapier's logger writes (HTTP logs with headers and bodies, console lines), after its own scrubbing.
 * The tester prints them to stdout when these variables are set; the spy collects them.
 */
export function captureZapierLogs(): { lines: string[]; text(): string } {
  const lines: string[] = [];
  vi.stubEnv('LOG_TO_STDOUT', '1');
  vi.stubEnv('DETAILED_LOG_TO_STDOUT', '1');
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  return { lines, text: () => lines.join('\n') };
}

/**
 * The JSON bodies of the POSTs Zapier logged (its detailed HTTP log: method and URL, headers, a blank
 * line, the body). The emulator keeps no bodies, so this is how a test sees what was sent.
 */
export function loggedPostBodies(
  logs: { lines: string[] },
  path = '/v1/chat/completions',
): Record<string, unknown>[] {
  // Zapier logs each request twice (once without the body); the ones with a body are the ones to read.
  return logs.lines
    .filter((line) => line.startsWith('POST ') && line.split('\n')[0]?.includes(path))
    .map((line) => line.split('\n\n')[1] ?? '')
    .filter((body) => body.startsWith('{'))
    .map((body) => JSON.parse(body) as Record<string, unknown>);
}

export { posts as chatPosts } from '@modelstream-kit/emulator/vitest';

/** Settles a promise into its error, failing the test when it resolves. */
export const errorOf = (promise: Promise<unknown>): Promise<Error> => settle(promise, 'the step');

/** Zapier's AppError and ThrottledError carry their fields as JSON in the message. */
export function zapierFields(error: Error): Record<string, unknown> {
  try {
    return JSON.parse(error.message) as Record<string, unknown>;
  } catch {
    return { message: error.message };
  }
}
