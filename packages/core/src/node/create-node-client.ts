import { createClient, type ModelStreamClient } from '../client/create-client.js';
import type { ClientOptions } from '../client/options.js';
import { checkApiKey } from '../surface/api-key.js';
import { readEnvironment, readEnvironmentOptions } from './environment.js';
import { timerClock } from './timer-clock.js';
import { createUndiciTransport } from './undici-transport.js';

export type NodeClientOptions = Partial<ClientOptions> & {
  env?: NodeJS.ProcessEnv;
  /** False: no key is fine (a local emulator that takes none); the request then has no Authorization. */
  requireApiKey?: boolean;
};

/**
 * A client for plain Node: undici (through the process's HTTPS_PROXY/HTTP_PROXY when set, NO_PROXY
 * honoured), real timers, and every MODELSTREAM_* setting of `env` (default the process's) unless given.
 * Throws a ValidationError naming MODELSTREAM_API_KEY when there is no key.
 */
export function createNodeClient(options: NodeClientOptions = {}): ModelStreamClient {
  const { env, requireApiKey = true, ...rest } = options;
  const fromEnv = readEnvironment(env);
  const given = rest.apiKey ?? fromEnv.apiKey;
  const apiKey =
    given === undefined && !requireApiKey
      ? undefined
      : checkApiKey(given, rest.apiKey ? 'apiKey' : 'MODELSTREAM_API_KEY');
  return createClient({
    transport: createUndiciTransport(),
    clock: timerClock,
    ...readEnvironmentOptions(env),
    ...rest,
    apiKey,
    baseUrl: rest.baseUrl ?? fromEnv.baseUrl,
  });
}
