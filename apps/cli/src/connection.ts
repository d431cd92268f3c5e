import { readFile } from 'node:fs/promises';
import { createClient, type ModelStreamClient } from '@modelstream-kit/core';
import {
  closeDefaultAgent,
  createUndiciTransport,
  readEnvironment,
  timerClock,
} from '@modelstream-kit/core/node';
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

async function readKeyFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new CliError(
      `--api-key-file: cannot read ${JSON.stringify(path)} (${code}); give a file holding one key`,
    );
  }
  const key = text.trim();
  if (key === '' || /\s/.test(key)) {
    throw new CliError(
      `--api-key-file: ${JSON.stringify(path)} does not hold exactly one key (sk-...) and nothing else`,
    );
  }
  return key;
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = Number(env[name]);
  return env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The client for this run: key from --api-key-file or MODELSTREAM_API_KEY, base URL from --base-url or
 * MODELSTREAM_BASE_URL, or the embedded emulator started in-process with --emulator.
 */
export async function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv): Promise<Connection> {
  const fromEnv = readEnvironment(env);
  let apiKey = flags.apiKeyFile ? await readKeyFile(flags.apiKeyFile) : fromEnv.apiKey;
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
  const backoffBase = envNumber(env, 'MODELSTREAM_RETRY_BASE_MS');
  const pollMs = envNumber(env, 'MODELSTREAM_POLL_MS');
  try {
    const client = createClient({
      transport: createUndiciTransport(),
      clock: timerClock,
      apiKey,
      baseUrl,
      ...(flags.maxRetries === undefined ? {} : { maxRetries: flags.maxRetries }),
      ...(backoffBase === undefined
        ? {}
        : { backoff: { baseMs: backoffBase, maxMs: Math.max(backoffBase * 8, 1) } }),
      ...(pollMs === undefined ? {} : { poll: { initialMs: pollMs, maxMs: Math.max(pollMs * 4, 1) } }),
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
