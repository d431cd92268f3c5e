import { type Emulator, startEmulator } from '@modelstream-kit/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** One emulator for the test file, reset between tests. */
export function useEmulator(options: Parameters<typeof startEmulator>[0] = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, jobDurationMs: 200, ...options });
  });
  afterEach(() => emulator?.reset());
  afterAll(() => emulator?.close());
  return () => {
    if (!emulator) throw new Error('emulator not started');
    return emulator;
  };
}

/** The bodies of the chat-completion POSTs the emulator received. */
export function completionBodies(emulator: Emulator): Record<string, unknown>[] {
  return emulator
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions')
    .map((r) => r.body as Record<string, unknown>);
}
