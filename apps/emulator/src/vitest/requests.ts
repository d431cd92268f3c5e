import type { RecordedRequest } from '../request-log.js';
import type { Emulator } from '../server.js';

/** The chat-completion POSTs the emulator received (its log keeps the mode, never the prompt or the key). */
export function posts(emulator: Emulator): RecordedRequest[] {
  return emulator.requests().filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
}

/** The polls of background jobs: GETs under `prefix` (`/v1/responses/` unless a profile moved them). */
export function polls(emulator: Emulator, prefix = '/v1/responses/'): RecordedRequest[] {
  return emulator.requests().filter((r) => r.method === 'GET' && r.path.startsWith(prefix));
}

/** Settles a promise into its error, failing the test when it resolves. */
export async function errorOf(promise: Promise<unknown>, what = 'the call'): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected ${what} to fail`);
}
