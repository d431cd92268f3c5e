import { errorFromResponse } from '../errors/from-response.js';
import { BadRequestError } from '../errors/http-errors.js';
import type { ModelStreamError } from '../errors/model-stream-error.js';
import { parseRetryAfter } from '../http/retry-after.js';
import { getModelSpec } from '../spec/catalogue.js';
import type { ModelParams } from '../spec/validate.js';
import { backoffDelay } from './backoff.js';
import { failureToError } from './failure-to-error.js';
import type { ResolvedOptions } from './options.js';
import {
  ERROR_BODY_LIMIT,
  parseJsonOrUndefined,
  readJson as readJsonWithin,
  readLimited,
} from './read-response.js';
import { buildRequestBody } from './request-body.js';
import { failureContext, type HttpCall, type OpenResponse, sendOnce } from './send-once.js';

export type { HttpCall, OpenResponse };

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  error: ModelStreamError;
}

/** What every call accepts. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** This call's deadline across all attempts, in ms (overrides the client's). */
  deadlineMs?: number | undefined;
  maxRetries?: number | undefined;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** Hears, in one line, when the client adapts to the gateway (a job path found, an answer at once). */
  onNotice?: ((message: string) => void) | undefined;
}

/** An error status's body, read once and at most ERROR_BODY_LIMIT bytes. */
async function errorBody(response: OpenResponse): Promise<unknown> {
  try {
    return parseJsonOrUndefined(await readLimited(response.body, ERROR_BODY_LIMIT));
  } catch {
    // Too large, or cut off: the status says enough.
    return undefined;
  } finally {
    response.release();
  }
}

/**
 * Sends a call, retrying what is safe to retry: 429 (not quota), 5xx, and failures that prove the request
 * never arrived; a POST that may be running upstream is not sent again. One deadline spans every attempt;
 * `Retry-After` is honoured whatever its size, as long as it fits before the deadline (one in the past
 * falls back to the jittered backoff).
 */
export async function sendWithRetry(
  opts: ResolvedOptions,
  call: HttpCall,
  callOptions: CallOptions = {},
): Promise<OpenResponse> {
  const { clock } = opts;
  const deadlineMs = callOptions.deadlineMs ?? opts.timeouts.deadlineMs;
  const deadlineAt = clock.now() + deadlineMs;
  const maxRetries = callOptions.maxRetries ?? opts.maxRetries;
  const secrets = [opts.apiKey, ...opts.secrets];
  for (let attempt = 0; ; attempt++) {
    const outcome = await sendOnce(opts, call, callOptions.signal, deadlineAt, deadlineMs);
    let error: ModelStreamError;
    let hintMs: number | undefined;
    if ('error' in outcome) {
      error = outcome.error;
    } else if (outcome.response.status >= 200 && outcome.response.status < 300) {
      return outcome.response;
    } else {
      const response = outcome.response;
      hintMs = parseRetryAfter(response.headers, clock.now());
      error = errorFromResponse({
        status: response.status,
        body: await errorBody(response),
        requestId: response.requestId,
        retryAfterMs: hintMs,
        secrets,
      });
    }
    if (!error.retryable || attempt >= maxRetries) throw error;
    const delayMs =
      hintMs !== undefined && hintMs > 0
        ? hintMs
        : backoffDelay(attempt, opts.backoff.baseMs, opts.backoff.maxMs, opts.random);
    if (clock.now() + delayMs >= deadlineAt) throw error;
    callOptions.onRetry?.({ attempt: attempt + 1, delayMs, error });
    opts.logger?.debug('modelstream: retrying', {
      method: call.method,
      path: call.path,
      status: error.status,
      delayMs,
    });
    try {
      await clock.sleep(delayMs, callOptions.signal);
    } catch {
      throw failureToError(undefined, { ...failureContext(call, secrets, deadlineMs), userAborted: true });
    }
  }
}

/** A 2xx body as JSON within the client's `maxResponseBytes`. */
export function readJson(response: OpenResponse, opts: ResolvedOptions): Promise<unknown> {
  return readJsonWithin(response, opts.maxResponseBytes);
}

/** POSTs a validated form (model id plus the form parameters) to the completions path. */
export async function postForm(
  opts: ResolvedOptions,
  params: ModelParams,
  headersMs: number,
  callOptions: CallOptions = {},
): Promise<OpenResponse> {
  const body = buildRequestBody(getModelSpec(opts.model), params);
  try {
    return await sendWithRetry(
      opts,
      { method: 'POST', path: opts.completionsPath, body, headersMs },
      callOptions,
    );
  } catch (error) {
    // A 404 for the route (not for a model the gateway does not know) is almost always the base URL.
    if (
      error instanceof BadRequestError &&
      error.status === 404 &&
      !/model/i.test(`${error.code} ${error.param}`)
    )
      error.message +=
        ` Nothing answers POST ${opts.completionsPath} under the base URL ${opts.baseUrl}: the base URL should ` +
        'be the address of the service (plus any gateway prefix), not include /v1 or the endpoint; the client ' +
        'adds the path (or set completionsPath).';
    throw error;
  }
}
