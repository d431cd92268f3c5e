import type { ModelStreamClient } from '@modelstream-kit/core';
import { closeDefaultAgent, createNodeClient, loadApiKey, readEnvironment } from '@modelstream-kit/core/node';
import { CliError } from './cli-error.js';

export interface ConnectionFlags {
  apiKeyFile?: string | undefined;
  baseUrl?: string | undefined;
  emulator?: boolean | undefined;
  maxRetries?: number | undefined;
}

export interface Connection {
  client: ModelStreamClient;
  /** Strings that must never reach the screen (the key). */
  secrets: string[];
  viaEmulator: boolean;
  close(): Promise<void>;
}

/** Obviously fake: the embedded emulator accepts any key but its reserved error keys. */
export const EMULATOR_KEY = 'sk-emulator-cli';

export const NO_KEY_MESSAGE = [
  'No ModelStream API key.',
  '  Get one on the ModelStream dashboard (API keys → Create key), then:',
  '    export MODELSTREAM_API_KEY=sk-...        (or pass --api-key-file FILE)',
  '  Or try everything without a key against the embedded emulator:',
  '    modelstream ask --emulator "Hello"',
].join('\n');

/**
 * The client for this run: key from --api-key-file or MODELSTREAM_API_KEY, base URL from --base-url or
 * MODELSTREAM_BASE_URL, every other MODELSTREAM_* setting from the environment (the core reads them), or
 * the embedded emulator started in-process with --emulator.
 */
export async function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv): Promise<Connection> {
  const fromEnv = readEnvironment(env);
  let apiKey = await loadApiKey({ file: flags.apiKeyFile, env, setting: '--api-key-file', required: false });
  let baseUrl = flags.baseUrl ?? fromEnv.baseUrl;
  let stopEmulator: (() => Promise<void>) | undefined;
  if (flags.emulator) {
    const { startEmulator } = await import('@modelstream-kit/emulator');
    const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, jobDurationMs: 2_000 });
    baseUrl = emulator.url;
    apiKey = EMULATOR_KEY;
    stopEmulator = () => emulator.close();
  } else if (!apiKey && !baseUrl) {
    throw new CliError(NO_KEY_MESSAGE);
  }
  try {
    const client = createNodeClient({
      env,
      apiKey,
      baseUrl,
      requireApiKey: false,
      ...(flags.maxRetries === undefined ? {} : { maxRetries: flags.maxRetries }),
    });
    return {
      client,
      secrets: apiKey ? [apiKey] : [],
      viaEmulator: stopEmulator !== undefined,
      async close() {
        await closeDefaultAgent();
        await stopEmulator?.();
      },
    };
  } catch (error) {
    await stopEmulator?.();
    throw error;
  }
}
