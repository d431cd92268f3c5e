import { redactSecrets } from '../redact.js';
import {
  AuthenticationError,
  BadRequestError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from './http-errors.js';
import type { ModelStreamError } from './model-stream-error.js';

export interface ApiErrorBody {
  message?: string;
  type?: string;
  param?: string;
  code?: string | number;
}

/** ModelStream's `{ error: {...} }`, if the body holds one. */
export function readApiError(body: unknown): ApiErrorBody | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object') return error as ApiErrorBody;
    if (typeof error === 'string') return { message: error };
  }
  return undefined;
}

const QUOTA_CODES = new Set(['insufficient_quota', 'quota_exceeded', 'billing_hard_limit_reached']);

interface Context {
  status: number;
  body: unknown;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  secrets?: readonly (string | undefined)[];
}

/** Maps an HTTP failure to the kit's typed error, in words a person can act on. */
export function errorFromResponse({
  status,
  body,
  requestId,
  retryAfterMs,
  secrets,
}: Context): ModelStreamError {
  const api = readApiError(body) ?? {};
  const code = api.code === undefined ? undefined : String(api.code);
  const serverSays = api.message ? redactSecrets(api.message, secrets) : undefined;
  const details = { status, code, type: api.type, param: api.param, requestId };
  const tail = serverSays ? ` Server said: ${serverSays}` : '';

  if (status === 402 || (code !== undefined && QUOTA_CODES.has(code))) {
    return new QuotaExceededError(
      `ModelStream quota exhausted (${status}): recharge the account or use another key. Not retried.${tail}`,
      details,
    );
  }
  if (status === 401) {
    return new AuthenticationError(
      `ModelStream rejected the API key (401): it is invalid, missing or deleted. Check the key you configured.${tail}`,
      details,
    );
  }
  if (status === 403) {
    return new PermissionDeniedError(
      `ModelStream refused access (403): the account may be frozen, this IP not on the key's allow-list, or the key has no access to this model.${tail}`,
      details,
    );
  }
  if (status === 429) {
    return new RateLimitError(`ModelStream rate limit reached (429).${tail}`, { ...details, retryAfterMs });
  }
  if (status >= 500) {
    return new ServerError(
      `ModelStream upstream failure (${status}); it fails over by itself, so try again later.${tail}`,
      details,
    );
  }
  return new BadRequestError(`ModelStream rejected the request (${status}).${tail}`, details);
}
