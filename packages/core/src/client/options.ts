import type { CountTokens } from '../cost/estimate.js';
import type { PriceSetting } from '../cost/pricing.js';
import { resolvePricing } from '../cost/pricing.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Clock, Transport } from '../http/transport.js';
import type { JobLedger } from '../ledger/job-ledger.js';
import { getModelSpec } from '../spec/catalogue.js';
import type { ModelPricing } from '../spec/param-spec.js';
import { checkApiKey } from '../surface/api-key.js';

export const DEFAULT_BASE_URL = 'https://api.modelstream.ai';

/** Where background jobs live when nothing says otherwise: OpenAI's Responses API, which the form fronts. */
export const DEFAULT_JOB_PATHS = { poll: '/v1/responses/{id}', cancel: '/v1/responses/{id}/cancel' } as const;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface Timeouts {
  /** Opening the connection. Default 10 s. */
  connectMs: number;
  /** From sending to response headers, for streams and job calls. Plain calls wait up to the deadline. Default 120 s. */
  headersMs: number;
  /** Longest silence between two chunks of a body. Default 5 min. */
  idleMs: number;
  /** One deadline across all attempts of a call. Default 30 min. */
  deadlineMs: number;
  /** One poll of a background job, until its whole answer is read; a hung poll is retried. Default 30 s. */
  pollMs: number;
  /** Cancelling a job after an abort (it must fit in a platform's grace period). Default 15 s. */
  cancelMs: number;
}

export interface PollOptions {
  /** First pause between polls of a background job. Default 1 s. */
  initialMs: number;
  /** Pauses grow by this factor. Default 1.5. */
  factor: number;
  /** Longest pause between polls. Default 10 s. */
  maxMs: number;
}

export interface ClientOptions {
  transport: Transport;
  clock: Clock;
  /** Sent as a Bearer token. Leave out when the transport authenticates by itself (n8n, Zapier). */
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  /** Plain http is allowed only to loopback unless this is set. */
  allowInsecureHttp?: boolean;
  model?: string;
  /** Path of chat completions. */
  completionsPath?: string;
  /** Path to poll a background job; `{id}` is replaced. Default `/v1/responses/{id}` (an assumption). */
  jobPath?: string;
  /** Path to cancel a background job; `{id}` is replaced. Default `{jobPath}/cancel`. */
  cancelPath?: string;
  /** Path of the model list, used to check a key. Default `/v1/models` (not documented by ModelStream). */
  modelsPath?: string;
  /** Retries for a failed attempt that is safe to repeat. Default 4. */
  maxRetries?: number;
  /** Backoff base and cap for retries without a server hint. Defaults 500 ms and 20 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  timeouts?: Partial<Timeouts>;
  poll?: Partial<PollOptions>;
  headers?: Record<string, string>;
  logger?: Logger;
  /** Log prompt text in debug lines. Off by default. */
  logPrompts?: boolean;
  /** Source of randomness for jitter (tests make it fixed). */
  random?: () => number;
  /** Other strings never to show (a key the transport adds itself, as in n8n and Zapier). */
  secrets?: readonly string[];
  /** Where jobs and answers are remembered (a file, workflow data); see JobLedger. */
  ledger?: JobLedger | undefined;
  /** Prices: the spec's list prices, scaled or replaced. Shown with every cost. */
  pricing?: PriceSetting | undefined;
  /** Largest response body read whole (a JSON answer, a poll); past it a clear error. Default 32 MiB. */
  maxResponseBytes?: number | undefined;
  /** Refuse, before sending, a request whose worst-case cost is above this many US dollars. */
  maxCostUsd?: number | undefined;
  /** Token counter for cost estimates (o200k from `@modelstream-kit/core/tokens`); default: UTF-8 length. */
  countTokens?: CountTokens | undefined;
}

export interface ResolvedOptions {
  transport: Transport;
  clock: Clock;
  apiKey: string | undefined;
  baseUrl: string;
  model: string;
  completionsPath: string;
  /** Where jobs are polled and cancelled; changes when the client finds the gateway's own (see job-paths). */
  jobPaths: { poll: string; cancel: string; given: boolean };
  modelsPath: string;
  maxRetries: number;
  backoff: { baseMs: number; maxMs: number };
  timeouts: Timeouts;
  poll: PollOptions;
  headers: Record<string, string>;
  logger: Logger | undefined;
  logPrompts: boolean;
  random: () => number;
  secrets: readonly string[];
  ledger: JobLedger | undefined;
  pricing: ModelPricing;
  maxCostUsd: number | undefined;
  countTokens: CountTokens | undefined;
  maxResponseBytes: number;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

const baseUrlIssue = (shown: string, allowed: string, why?: string) =>
  new ValidationError([
    {
      field: 'baseUrl',
      value: shown,
      allowed,
      message: `baseUrl: ${JSON.stringify(shown)} is not allowed${why ? ` (${why})` : ''}; use ${allowed}`,
    },
  ]);

/**
 * Accepts https anywhere, http only to loopback or with an explicit opt-in. Credentials in the URL are
 * refused without repeating them (the key belongs in its own setting). A trailing `/v1` (or the whole
 * `/v1/chat/completions` endpoint) is dropped: some of ModelStream's guides give
 * `https://api.modelstream.ai/v1` as the base, the paths carry `/v1`.
 */
export function checkBaseUrl(baseUrl: string, allowInsecureHttp = false): string {
  const trimmed = baseUrl.trim();
  const userinfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(trimmed);
  if (userinfo) {
    const shown = `${userinfo[1]}[credentials removed]@${trimmed.slice(userinfo[0].length)}`;
    throw baseUrlIssue(
      shown,
      'a URL without user:password@ (give the key in the API key setting)',
      'it carries credentials',
    );
  }
  const match = /^(https?):\/\/([^/:?#]+|\[[^\]]+\])(:\d+)?(\/[^?#]*)?$/i.exec(trimmed);
  if (!match) throw baseUrlIssue(trimmed, 'an http(s) URL such as https://api.modelstream.ai');
  const [, scheme, host] = match;
  if (scheme?.toLowerCase() === 'http' && !LOOPBACK.test(host ?? '') && !allowInsecureHttp) {
    throw baseUrlIssue(
      trimmed,
      'an https URL (plain http only for localhost, 127.0.0.1 or ::1, or with allowInsecureHttp)',
    );
  }
  return trimmed.replace(/\/+$/, '').replace(/\/v1(\/chat\/completions)?$/i, '');
}

export function resolveOptions(options: ClientOptions): ResolvedOptions {
  return {
    transport: options.transport,
    clock: options.clock,
    apiKey: options.apiKey ? checkApiKey(options.apiKey, 'apiKey') : undefined,
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, options.allowInsecureHttp),
    model: options.model ?? 'gpt-5.4-pro',
    completionsPath: options.completionsPath ?? '/v1/chat/completions',
    jobPaths: {
      poll: options.jobPath ?? DEFAULT_JOB_PATHS.poll,
      cancel:
        options.cancelPath ?? (options.jobPath ? `${options.jobPath}/cancel` : DEFAULT_JOB_PATHS.cancel),
      given: options.jobPath !== undefined,
    },
    modelsPath: options.modelsPath ?? '/v1/models',
    maxRetries: options.maxRetries ?? 4,
    backoff: { baseMs: options.backoff?.baseMs ?? 500, maxMs: options.backoff?.maxMs ?? 20_000 },
    timeouts: {
      connectMs: 10_000,
      headersMs: 120_000,
      idleMs: 300_000,
      deadlineMs: 30 * 60_000,
      pollMs: 30_000,
      cancelMs: 15_000,
      ...options.timeouts,
    },
    poll: { initialMs: 1_000, factor: 1.5, maxMs: 10_000, ...options.poll },
    headers: { 'user-agent': 'modelstream-kit/0.1', ...options.headers },
    logger: options.logger,
    logPrompts: options.logPrompts ?? false,
    random: options.random ?? Math.random,
    secrets: (options.secrets ?? []).filter((s) => s.length >= 4),
    ledger: options.ledger,
    pricing: resolvePricing(getModelSpec(options.model), options.pricing),
    maxCostUsd: options.maxCostUsd,
    countTokens: options.countTokens,
    maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024,
  };
}
