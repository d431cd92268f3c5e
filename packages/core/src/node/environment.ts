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
 * The other MODELSTREAM_* settings as client options (paths, retries, backoff, polling), empty values
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
  if (issues.length > 0) throw new ValidationError(issues);
  if (jobPath) options.jobPath = jobPath;
  if (cancelPath) options.cancelPath = cancelPath;
  if (modelsPath) options.modelsPath = modelsPath;
  if (maxRetries !== undefined) options.maxRetries = maxRetries;
  if (retryBase !== undefined) options.backoff = { baseMs: retryBase, maxMs: Math.max(retryBase * 8, 1) };
  if (pollMs !== undefined) options.poll = { initialMs: pollMs, maxMs: Math.max(pollMs * 4, 1) };
  return options;
}
