import { createClient, type ModelStreamClient } from '../client/create-client.js';
import type { ClientOptions } from '../client/options.js';
import { ValidationError } from '../errors/validation-error.js';
import { readEnvironment } from './environment.js';
import { timerClock } from './timer-clock.js';
import { createUndiciTransport } from './undici-transport.js';

export type NodeClientOptions = Partial<ClientOptions> & { env?: NodeJS.ProcessEnv };

/**
 * A client for plain Node: undici, real timers, and the key and base URL from the environment unless
 * given. Throws a ValidationError naming MODELSTREAM_API_KEY when there is no key.
 */
export function createNodeClient(options: NodeClientOptions = {}): ModelStreamClient {
  const { env, ...rest } = options;
  const fromEnv = readEnvironment(env);
  const apiKey = rest.apiKey ?? fromEnv.apiKey;
  if (!apiKey) {
    throw new ValidationError([
      {
        field: 'apiKey',
        value: undefined,
        allowed: 'a ModelStream API key (sk-...)',
        message:
          'apiKey: is required; set MODELSTREAM_API_KEY to a key from your ModelStream dashboard, ' +
          'or point MODELSTREAM_BASE_URL at a local emulator (pnpm emulator)',
      },
    ]);
  }
  return createClient({
    transport: createUndiciTransport(),
    clock: timerClock,
    ...rest,
    apiKey,
    baseUrl: rest.baseUrl ?? fromEnv.baseUrl,
  });
}
