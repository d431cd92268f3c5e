import { type ErrorDetails, ModelStreamError } from './model-stream-error.js';

/** 401: the key is invalid, missing or deleted. */
export class AuthenticationError extends ModelStreamError {}

/** 402 (or a 429 whose code says the quota is gone): recharge, or use another key. Never retried. */
export class QuotaExceededError extends ModelStreamError {}

/** 403: account frozen, IP not on the key's allow-list, or no permission for this model. */
export class PermissionDeniedError extends ModelStreamError {}

/** 400 and other 4xx: the request itself is wrong. */
export class BadRequestError extends ModelStreamError {}

/** 429: rate limited. `retryAfterMs` is the server's own hint when it gave one. */
export class RateLimitError extends ModelStreamError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: ErrorDetails & { retryAfterMs?: number | undefined } = {}) {
    super(message, { retryable: true, ...details });
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx: an upstream channel failed; ModelStream fails over by itself, so a later try may work. */
export class ServerError extends ModelStreamError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { retryable: true, ...details });
  }
}
