import type { ClientOptions } from '../client/options.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';

/** Every setting the kit reads from the environment, by variable name. */
export const ENVIRONMENT_VARIABLES = {
  MODELSTREAM_API_KEY: 'the API key from the ModelStream dashboard',
  MODELSTREAM_BASE_URL: 'the API to call (default https://api.modelstream.ai)',
  MODELSTREAM_JOB_PATH: 'where a background job is polled, {id} replaced (default /v1/responses/{id})',
  MODELSTREAM_CANCEL_PATH: 'where a job is cancelled (default /v1/responses/{id}/cancel)',
  MODELSTREAM_MODELS_PATH: 'the model list used to check a key (default /v1/models)',
  MODELSTREAM_MAX_RETRIES: 'retries of a call that is safe to repeat (default 4)',
  MODELSTREAM_RETRY_BASE_MS: 'first backoff pause in ms, doubling up to 8× (default 500)',
  MODELSTREAM_POLL_MS: 'first pause between polls of a job in ms, growing up to 4× (default 1000)',
  MODELSTREAM_PRICE_MULTIPLIER:
    "scales the spec's list prices in every cost shown (ModelStream's multiplier for the account; default 1)",
  MODELSTREAM_MAX_COST_USD:
    'refuse, before sending, a request whose worst-case cost is above this many US dollars',
  MODELSTREAM_LOG_PROMPTS:
    'true: keep whole prompts in the job ledger and debug lines (default: a hash and 60 characters)',
} as const;

export interface Environment {
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

const text = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

function count(env: NodeJS.ProcessEnv, name: string, max: number, issues: ValidationIssue[]) {
  const value = text(env, name);
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value) && Number(value) <= max) return Number(value);
  issues.push({
    field: name,
    value,
    allowed: `a whole number from 0 to ${max}`,
    message: `${name}: ${JSON.stringify(value)} is not allowed; use a whole number from 0 to ${max}`,
  });
  return undefined;
}

function amount(env: NodeJS.ProcessEnv, name: string, issues: ValidationIssue[]) {
  const value = text(env, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (/^\d*\.?\d+$/.test(value) && Number.isFinite(parsed) && parsed > 0) return parsed;
  issues.push({
    field: name,
    value,
    allowed: 'a number above 0',
    message: `${name}: ${JSON.stringify(value)} is not allowed; use a number above 0`,
  });
  return undefined;
}

function flag(env: NodeJS.ProcessEnv, name: string, issues: ValidationIssue[]) {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  issues.push({
    field: name,
    value,
    allowed: 'true or false (1/0, yes/no, on/off)',
    message: `${name}: ${JSON.stringify(value)} is not allowed; use true or false`,
  });
  return undefined;
}

function path(env: NodeJS.ProcessEnv, name: string, issues: ValidationIssue[], needsId: boolean) {
  const value = text(env, name);
  if (value === undefined) return undefined;
  if (value.startsWith('/') && (!needsId || value.includes('{id}'))) return value;
  const allowed = needsId ? 'a path starting with / that contains {id}' : 'a path starting with /';
  issues.push({
    field: name,
    value,
    allowed,
    message: `${name}: ${JSON.stringify(value)} is not allowed; use ${allowed}`,
  });
  return undefined;
}

/** MODELSTREAM_API_KEY and MODELSTREAM_BASE_URL, empty values treated as unset. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return { apiKey: text(env, 'MODELSTREAM_API_KEY'), baseUrl: text(env, 'MODELSTREAM_BASE_URL') };
}

/**
 * The other MODELSTREAM_* settings as client options (paths, retries, backoff, polling, prices, the cost
 * ceiling, prompt logging), empty values
 * treated as unset; a bad value is a ValidationError naming the variable.
 */
export function readEnvironmentOptions(env: NodeJS.ProcessEnv = process.env): Partial<ClientOptions> {
  const issues: ValidationIssue[] = [];
  const options: Partial<ClientOptions> = {};
  const jobPath = path(env, 'MODELSTREAM_JOB_PATH', issues, true);
  const cancelPath = path(env, 'MODELSTREAM_CANCEL_PATH', issues, true);
  const modelsPath = path(env, 'MODELSTREAM_MODELS_PATH', issues, false);
  const maxRetries = count(env, 'MODELSTREAM_MAX_RETRIES', 20, issues);
  const retryBase = count(env, 'MODELSTREAM_RETRY_BASE_MS', 600_000, issues);
  const pollMs = count(env, 'MODELSTREAM_POLL_MS', 600_000, issues);
  const multiplier = amount(env, 'MODELSTREAM_PRICE_MULTIPLIER', issues);
  const maxCostUsd = amount(env, 'MODELSTREAM_MAX_COST_USD', issues);
  const logPrompts = flag(env, 'MODELSTREAM_LOG_PROMPTS', issues);
  if (issues.length > 0) throw new ValidationError(issues);
  if (jobPath) options.jobPath = jobPath;
  if (cancelPath) options.cancelPath = cancelPath;
  if (modelsPath) options.modelsPath = modelsPath;
  if (maxRetries !== undefined) options.maxRetries = maxRetries;
  if (retryBase !== undefined) options.backoff = { baseMs: retryBase, maxMs: Math.max(retryBase * 8, 1) };
  if (pollMs !== undefined) options.poll = { initialMs: pollMs, maxMs: Math.max(pollMs * 4, 1) };
  if (multiplier !== undefined) options.pricing = { multiplier };
  if (maxCostUsd !== undefined) options.maxCostUsd = maxCostUsd;
  if (logPrompts !== undefined) options.logPrompts = logPrompts;
  return options;
}
