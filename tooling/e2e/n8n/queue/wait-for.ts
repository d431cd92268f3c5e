import { createServer } from 'node:net';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `condition` every `everyMs` until it is truthy, bounded by a count derived from `timeoutMs`
 * (a busy machine slows each check, never the bound). Fails with `what` and the state `describe` gives.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: {
    what: string;
    timeoutMs: number;
    everyMs?: number;
    describe?: () => string;
    stopIf?: () => boolean;
  },
): Promise<NonNullable<T>> {
  const every = options.everyMs ?? 250;
  const attempts = Math.ceil(options.timeoutMs / every);
  for (let i = 0; i < attempts; i++) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (options.stopIf?.()) break;
    await pause(every);
  }
  throw new Error(`gave up waiting for ${options.what}\n${options.describe?.() ?? ''}`);
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
