import {
  createClient,
  DEFAULT_BASE_URL,
  getModelSpec,
  type ModelSpec,
  type ModelStreamClient,
  type PollOptions,
} from '@modelstream-kit/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { zapierClock } from './clock.js';
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
}

export interface Resolved {
  budgetMs: number;
  poll: Partial<PollOptions>;
  backoff: { baseMs?: number; maxMs?: number } | undefined;
  model: ModelSpec;
}

export function resolveAppOptions(options: AppOptions = {}): Resolved {
  return {
    budgetMs: options.budgetMs ?? DEFAULT_BUDGET_MS,
    poll: { initialMs: 500, factor: 1.5, maxMs: 3_000, ...options.poll },
    backoff: options.backoff,
    model: getModelSpec(options.model),
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

/** The core's client over z.request; the key travels in Zapier's middleware, not through the core. */
export function clientFor(z: ZObject, bundle: Bundle, options: Resolved): ModelStreamClient {
  return createClient({
    transport: createZapierTransport(z),
    clock: zapierClock,
    baseUrl: baseUrlOf(bundle),
    model: options.model.id,
    poll: options.poll,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    headers: { 'user-agent': 'modelstream-kit-zapier/0.1' },
  });
}

/** Milliseconds left of the step's budget; never less than `floorMs`, so a started call can finish. */
export function timeLeft(startedAt: number, budgetMs: number, floorMs = 1_000): number {
  return Math.max(floorMs, budgetMs - (Date.now() - startedAt));
}
