import { gpt54Pro, type ModelStreamClient, type PriceSetting } from '@modelstream-kit/core';
import {
  closeDefaultAgent,
  createNodeClient,
  loadApiKey,
  readEnvironment,
  readEnvironmentOptions,
} from '@modelstream-kit/core/node';
import { CliError } from './cli-error.js';
import { type CostGuard, costGuard } from './cost-guard.js';
import { FileLedger } from './ledger/file-ledger.js';
import { stateDirectory } from './ledger/state-dir.js';
import { readPriceTable } from './price-table.js';

export interface ConnectionFlags {
  apiKeyFile?: string | undefined;
  baseUrl?: string | undefined;
  emulator?: boolean | undefined;
  maxRetries?: number | undefined;
  /** `--job-path` (else MODELSTREAM_JOB_PATH, which the core reads). */
  jobPath?: string | undefined;
  /** Keep whole prompts in the ledger (`--log-prompts`; else MODELSTREAM_LOG_PROMPTS). */
  logPrompts?: boolean | undefined;
  /** `--price-multiplier` (else MODELSTREAM_PRICE_MULTIPLIER). */
  priceMultiplier?: number | undefined;
  /** `--price-table FILE` (else MODELSTREAM_PRICE_TABLE). */
  priceTable?: string | undefined;
  /** `--max-cost` in US dollars (else MODELSTREAM_MAX_COST_USD). */
  maxCostUsd?: number | undefined;
}

export interface Connection {
  client: ModelStreamClient;
  /** Strings that must never reach the screen (the key). */
  secrets: string[];
  viaEmulator: boolean;
  /** The cost ceiling (--max-cost, MODELSTREAM_MAX_COST_USD), when one is set. */
  costGuard: CostGuard | undefined;
  /** Where this run's jobs are remembered (the embedded emulator's are not: they end with the run). */
  ledger: FileLedger | undefined;
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

/** --price-table / MODELSTREAM_PRICE_TABLE and --price-multiplier (the core reads MODELSTREAM_PRICE_MULTIPLIER). */
async function pricingFrom(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
): Promise<{ pricing?: PriceSetting }> {
  const file = flags.priceTable ?? (env.MODELSTREAM_PRICE_TABLE?.trim() || undefined);
  const setting = flags.priceTable ? '--price-table' : 'MODELSTREAM_PRICE_TABLE';
  const table = file ? await readPriceTable(file, setting, gpt54Pro) : undefined;
  const multiplier = flags.priceMultiplier ?? readEnvironmentOptions(env).pricing?.multiplier;
  if (!table && multiplier === undefined) return {};
  return { pricing: { ...(table ? { table } : {}), ...(multiplier === undefined ? {} : { multiplier }) } };
}

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
    const secrets = apiKey ? [apiKey] : [];
    const ledger = stopEmulator ? undefined : new FileLedger(stateDirectory(env), secrets);
    const maxCostUsd = flags.maxCostUsd ?? readEnvironmentOptions(env).maxCostUsd;
    const { pricing } = await pricingFrom(flags, env);
    const guard =
      maxCostUsd === undefined
        ? undefined
        : await costGuard(
            maxCostUsd,
            flags.maxCostUsd === undefined ? 'MODELSTREAM_MAX_COST_USD' : '--max-cost',
            pricing,
          );
    const client = createNodeClient({
      env,
      apiKey,
      baseUrl,
      requireApiKey: false,
      ledger,
      ...(flags.maxRetries === undefined ? {} : { maxRetries: flags.maxRetries }),
      ...(flags.jobPath === undefined ? {} : { jobPath: flags.jobPath }),
      ...(flags.logPrompts ? { logPrompts: true } : {}),
      ...(pricing ? { pricing } : {}),
      ...(guard ? { maxCostUsd: guard.maxCostUsd, countTokens: guard.countTokens } : {}),
    });
    return {
      client,
      secrets,
      ledger,
      costGuard: guard,
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
