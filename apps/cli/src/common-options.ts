import { type Command, Option } from 'commander';
import { CliError } from './cli-error.js';
import { parseDuration } from './duration.js';
import type { OutputMode } from './output.js';

export const OUTPUT_GROUP = 'Output:';
export const CONNECTION_GROUP = 'Connection:';
export const JOB_GROUP = 'Waiting and background jobs:';
export const COST_GROUP = 'Cost and the job ledger:';

/** Raw values of the options every command shares (strings as typed; parsed by readCommonOptions). */
export interface CommonValues {
  output?: string;
  quiet?: boolean;
  timeout?: string;
  maxWait?: string;
  maxRetries?: string;
  apiKeyFile?: string;
  baseUrl?: string;
  emulator?: boolean;
  jobPath?: string;
  maxCost?: string;
  priceMultiplier?: string;
  priceTable?: string;
  logPrompts?: boolean;
}

export interface CommonOptions {
  output: OutputMode;
  quiet: boolean;
  timeoutMs: number | undefined;
  maxWaitMs: number | undefined;
  maxRetries: number | undefined;
  apiKeyFile: string | undefined;
  baseUrl: string | undefined;
  emulator: boolean;
  jobPath: string | undefined;
  maxCostUsd: number | undefined;
  priceMultiplier: number | undefined;
  priceTable: string | undefined;
  logPrompts: boolean;
}

export function addOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--output <text|json>',
        'What goes to stdout: the answer as text, or the whole Completion as JSON (text, usage, ids, raw).',
      ).helpGroup(OUTPUT_GROUP),
    )
    .addOption(
      new Option('-q, --quiet', 'No progress, notes or usage on stderr; errors still show.').helpGroup(
        OUTPUT_GROUP,
      ),
    );
}

const CONNECTION_OPTIONS = {
  timeout: () =>
    new Option(
      '--timeout <duration>',
      'Give up after this long in all (90, 30s, 5m); a background job keeps running and its id is shown.',
    ).helpGroup(JOB_GROUP),
  maxRetries: () =>
    new Option(
      '--max-retries <n>',
      'Retries of a call that is safe to repeat (429, 5xx, refused); default 4.',
    ).helpGroup(CONNECTION_GROUP),
  apiKeyFile: () =>
    new Option(
      '--api-key-file <file>',
      'Read the API key from this file instead of MODELSTREAM_API_KEY.',
    ).helpGroup(CONNECTION_GROUP),
  baseUrl: () =>
    new Option(
      '--base-url <url>',
      'The API to call (default https://api.modelstream.ai, or MODELSTREAM_BASE_URL); plain http only for localhost.',
    ).helpGroup(CONNECTION_GROUP),
  jobPath: () =>
    new Option(
      '--job-path <path>',
      'Where the gateway serves a background job, {id} replaced (default /v1/responses/{id}, else found after a 404; or MODELSTREAM_JOB_PATH); cancel is {path}/cancel.',
    ).helpGroup(CONNECTION_GROUP),
  emulator: () =>
    new Option(
      '--emulator',
      'Start the embedded ModelStream emulator in this process and use it: no key, no network, no cost.',
    ).helpGroup(CONNECTION_GROUP),
} as const;

export type ConnectionOption = keyof typeof CONNECTION_OPTIONS;

/** The connection flags, every one unless `which` picks some (doctor takes only the key, URL and emulator). */
export function addConnectionOptions(
  command: Command,
  which: readonly ConnectionOption[] = Object.keys(CONNECTION_OPTIONS) as ConnectionOption[],
): Command {
  for (const name of which) command.addOption(CONNECTION_OPTIONS[name]());
  return command;
}

/**
 * A notice of the client in the CLI's words: the core names its own option (`jobPath`), a person sets
 * MODELSTREAM_JOB_PATH or --job-path.
 */
export function noticeInCliWords(message: string): string {
  return message.replace(/set jobPath to (\S+)/g, 'set MODELSTREAM_JOB_PATH=$1 or pass --job-path $1');
}

/** How answers are priced (every command that gets one); `ceiling` adds --max-cost and --log-prompts (ask). */
export function addCostOptions(command: Command, ceiling = false): Command {
  if (ceiling) {
    command
      .addOption(
        new Option(
          '--max-cost <usd>',
          'Refuse, before sending, a request whose worst case (prompt counted with o200k + max_output_tokens at output price) is above this many US dollars; or MODELSTREAM_MAX_COST_USD.',
        ).helpGroup(COST_GROUP),
      )
      .addOption(
        new Option(
          '--log-prompts',
          'Keep the whole prompt in the job ledger (default: a hash and its first 60 characters); or MODELSTREAM_LOG_PROMPTS=true.',
        ).helpGroup(COST_GROUP),
      );
  }
  return command
    .addOption(
      new Option(
        '--price-multiplier <n>',
        "Scale the list prices in the cost shown (ModelStream's multiplier for your account; default 1); or MODELSTREAM_PRICE_MULTIPLIER.",
      ).helpGroup(COST_GROUP),
    )
    .addOption(
      new Option(
        '--price-table <file>',
        'Prices from a JSON file ({"source", "tiers": [{"upToInputTokens", "inputPerMillion", "outputPerMillion"}]}) instead of the list prices; or MODELSTREAM_PRICE_TABLE.',
      ).helpGroup(COST_GROUP),
    );
}

export function addMaxWaitOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--max-wait <duration>',
      'Longest wait for a background job (default 30m); it keeps running after, to collect with `modelstream wait ID`.',
    ).helpGroup(JOB_GROUP),
  );
}

function readJobPath(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!text.startsWith('/') || !text.includes('{id}')) {
    throw new CliError(
      `--job-path: ${JSON.stringify(text)} is not allowed; use a path starting with / that contains {id}, like /v1/chat/completions/{id}`,
    );
  }
  return text;
}

function parseAmount(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim().replace(/^\$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new CliError(`${flag}: ${JSON.stringify(text)} is not allowed; use a number above 0 (like 0.50)`);
  }
  return value;
}

function parseCount(flag: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) > max) {
    throw new CliError(
      `${flag}: ${JSON.stringify(text)} is not allowed; use a whole number from 0 to ${max}`,
    );
  }
  return Number(text);
}

export function readCommonOptions(values: CommonValues): CommonOptions {
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') {
    throw new CliError(`--output: ${JSON.stringify(output)} is not allowed; use text or json`);
  }
  return {
    output,
    quiet: values.quiet ?? false,
    timeoutMs: values.timeout === undefined ? undefined : parseDuration('--timeout', values.timeout),
    maxWaitMs: values.maxWait === undefined ? undefined : parseDuration('--max-wait', values.maxWait),
    maxRetries: parseCount('--max-retries', values.maxRetries, 20),
    apiKeyFile: values.apiKeyFile,
    baseUrl: values.baseUrl,
    emulator: values.emulator ?? false,
    jobPath: readJobPath(values.jobPath),
    maxCostUsd: parseAmount('--max-cost', values.maxCost),
    priceMultiplier: parseAmount('--price-multiplier', values.priceMultiplier),
    priceTable: values.priceTable,
    logPrompts: values.logPrompts ?? false,
  };
}
