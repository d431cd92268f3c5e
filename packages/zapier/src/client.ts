import {
  type Clock,
  createClient,
  DEFAULT_BASE_URL,
  getModelSpec,
  type ModelSpec,
  type ModelStreamClient,
  type PollOptions,
} from '@modelstream-kit/core';
import { timerClock } from '@modelstream-kit/core/timers';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { jobPathOf, priceMultiplierOf } from './connection-settings.js';
import { createZapierTransport } from './transport.js';

/** Zapier stops a step at 30 s; this leaves time to start, to hand back the result and for Zapier's own work. */
export const DEFAULT_BUDGET_MS = 25_000;

export interface AppOptions {
  /** Time a step may spend before it hands back a pending job. Default 25 s. */
  budgetMs?: number;
  /** Polling of background jobs within that time. Default: 0.5 s growing ×1.5 to 3 s (GETs cost nothing). */
  poll?: Partial<PollOptions>;
  /** Backoff between retries without a server hint. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Model id from the core's catalogue. Default gpt-5.4-pro. */
  model?: string;
  /** The clock every step's budget and the client run on. Default: the core's timers. */
  clock?: Clock;
}

export interface Resolved {
  budgetMs: number;
  poll: Partial<PollOptions>;
  backoff: { baseMs?: number; maxMs?: number } | undefined;
  model: ModelSpec;
  clock: Clock;
}

export function resolveAppOptions(options: AppOptions = {}): Resolved {
  return {
    budgetMs: options.budgetMs ?? DEFAULT_BUDGET_MS,
    poll: { initialMs: 500, factor: 1.5, maxMs: 3_000, ...options.poll },
    backoff: options.backoff,
    model: getModelSpec(options.model),
    clock: options.clock ?? timerClock,
  };
}

/** The connection's base URL, or ModelStream's own when left empty. */
export function baseUrlOf(bundle: Pick<Bundle, 'authData'>): string {
  const value = bundle.authData?.base_url;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_BASE_URL;
}

/** The API key (only ever given to redaction here: the beforeRequest middleware sends it). */
export const secretsOf = (bundle: Pick<Bundle, 'authData'>): string[] =>
  [bundle.authData?.api_key].filter((s): s is string => typeof s === 'string' && s !== '');

/** One step's share of Zapier's 30 s, on the injected clock. */
export interface StepBudget {
  /** Milliseconds left; never less than `floorMs`, so a started call can finish. */
  left(floorMs?: number): number;
}

export function stepBudget(options: Resolved): StepBudget {
  const startedAt = options.clock.now();
  return {
    left: (floorMs = 1_000) => Math.max(floorMs, options.budgetMs - (options.clock.now() - startedAt)),
  };
}

/** The core's client over z.request; the key travels in Zapier's middleware, not through the core. */
export function clientFor(
  z: ZObject,
  bundle: Bundle,
  options: Resolved,
  extra: { maxCostUsd?: number | undefined } = {},
): ModelStreamClient {
  const jobPath = jobPathOf(bundle);
  const multiplier = priceMultiplierOf(bundle);
  return createClient({
    transport: createZapierTransport(z),
    clock: options.clock,
    baseUrl: baseUrlOf(bundle),
    model: options.model.id,
    poll: options.poll,
    secrets: secretsOf(bundle),
    ...(jobPath ? { jobPath } : {}),
    ...(multiplier === undefined ? {} : { pricing: { multiplier } }),
    ...(extra.maxCostUsd === undefined ? {} : { maxCostUsd: extra.maxCostUsd }),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    headers: { 'user-agent': 'modelstream-kit-zapier/0.1' },
  });
}
