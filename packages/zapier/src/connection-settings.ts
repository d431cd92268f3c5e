import { ValidationError } from '@modelstream-kit/core';
import type { Bundle } from 'zapier-platform-core';

const refuse = (field: string, value: unknown, allowed: string): never => {
  throw new ValidationError([
    { field, value, allowed, message: `${field}: ${JSON.stringify(value)} is not allowed; use ${allowed}` },
  ]);
};

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined;

/**
 * The connection's Job Path (where the gateway serves a background job; `{id}` is replaced), for
 * gateways that do not use `/v1/responses/{id}`. Empty: the core's default, and its search on a 404.
 */
export function jobPathOf(bundle: Pick<Bundle, 'authData'>): string | undefined {
  const value = textOf(bundle.authData?.job_path);
  if (value === undefined) return undefined;
  if (!/^\/[A-Za-z0-9._~\-/]*\{id\}[A-Za-z0-9._~\-/]*$/.test(value)) {
    refuse('job_path', value, 'a path that starts with / and holds {id}, such as /v1/chat/completions/{id}');
  }
  return value;
}

/** The connection's Price Multiplier (ModelStream's, for the account): scales the spec's list prices. */
export function priceMultiplierOf(bundle: Pick<Bundle, 'authData'>): number | undefined {
  const value = textOf(bundle.authData?.price_multiplier);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0 && n <= 1_000)) {
    refuse('price_multiplier', value, 'a number above 0 and at most 1000 (1 = list prices)');
  }
  return n;
}

/** A step's Max Cost (USD): the worst case a request may cost, checked before it is sent. */
export function maxCostOf(inputData: Record<string, unknown>): number | undefined {
  const value = textOf(inputData.max_cost_usd);
  if (value === undefined) return undefined;
  const n = Number(value.replace(/^\$/, ''));
  if (!(Number.isFinite(n) && n > 0))
    refuse('max_cost_usd', value, 'an amount in US dollars above 0, such as 0.50');
  return n;
}
