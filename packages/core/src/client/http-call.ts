import { errorFromResponse } from '../errors/from-response.js';
import type { ModelStreamError } from '../errors/model-stream-error.js';
import { InvalidResponseError } from '../errors/response-errors.js';
import { discardBody, readBodyText } from '../http/read-body.js';
import { parseRetryAfter } from '../http/retry-after.js';
import type { Clock, HttpMethod } from '../http/transport.js';
import { redactSecrets } from '../redact.js';
import { backoffDelay } from './backoff.js';
import { failureToError } from './failure-to-error.js';
import type { ResolvedOptions } from './options.js';

/** The reason the deadline timer is stopped with: a plain value, so no DOMException (and its stack) is built per call. */
const RELEASED = 'released';

/** Runs `onFire` after `ms` unless stopped: the clock's own timer when it has one, else `sleep` with a signal. */
function startTimer(clock: Clock, ms: number, onFire: () => void): () => void {
  if (clock.setTimer) return clock.setTimer(ms, onFire);
  const timer = new AbortController();
  clock.sleep(ms, timer.signal).then(onFire, () => {});
  return () => timer.abort(RELEASED);
}

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
}

export interface HttpCall {
  method: HttpMethod;
  path: string;
  body?: unknown;
  /** Headers timeout for this call; plain completions wait until the deadline. */
  headersMs: number;
  /** The background job concerned, named in errors. */
  jobId?: string | undefined;
}

export interface OpenResponse {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** The whole body as text, when the transport offers a faster way than iterating `body`. */
  text?: (() => Promise<string>) | undefined;
  requestId: string | undefined;
  /** Ends the deadline timer and drops the abort listener; call once the body is read. */
  release(): void;
  /** Maps a failure while reading the body the same way a failure to send is mapped. */
  failure(error: unknown): ModelStreamError;
}

/**
 * Sends a call, retrying what is safe to retry: 429 (not quota), 5xx, and failures that prove the request
 * never arrived; a POST that may be running upstream is not sent again. One deadline spans every attempt;
 * `Retry-After` is honoured whatever its size, as long as it fits before the deadline.
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
  const secrets = [opts.apiKey];
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
      const text = await readBodyText(response.body).catch(() => '');
      response.release();
      error = errorFromResponse({
        status: response.status,
        body: parseJsonOrUndefined(text),
        requestId: response.requestId,
        retryAfterMs: hintMs,
        secrets,
      });
    }
    if (!error.retryable || attempt >= maxRetries) throw error;
    const delayMs = hintMs ?? backoffDelay(attempt, opts.backoff.baseMs, opts.backoff.maxMs, opts.random);
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

function failureContext(call: HttpCall, secrets: readonly (string | undefined)[], deadlineMs: number) {
  return {
    method: call.method,
    path: call.path,
    jobId: call.jobId,
    secrets,
    deadlineMs,
    userAborted: false,
    deadlineHit: false,
    sent: false,
  };
}

async function sendOnce(
  opts: ResolvedOptions,
  call: HttpCall,
  userSignal: AbortSignal | undefined,
  deadlineAt: number,
  deadlineMs: number,
): Promise<{ response: OpenResponse } | { error: ModelStreamError }> {
  const { clock } = opts;
  const secrets = [opts.apiKey];
  const controller = new AbortController();
  let deadlineHit = false;
  let sent = false;
  let stopTimer = () => {};
  const onUserAbort = () => controller.abort(userSignal?.reason);
  const release = () => {
    stopTimer();
    userSignal?.removeEventListener('abort', onUserAbort);
  };
  const failure = (error: unknown) => {
    release();
    return failureToError(error, {
      ...failureContext(call, secrets, deadlineMs),
      userAborted: userSignal?.aborted ?? false,
      deadlineHit,
      sent,
    });
  };
  if (userSignal?.aborted) return { error: failure(undefined) };
  userSignal?.addEventListener('abort', onUserAbort, { once: true });

  const remaining = deadlineAt - clock.now();
  if (remaining <= 0) {
    deadlineHit = true;
    return { error: failure(undefined) };
  }
  stopTimer = startTimer(clock, remaining, () => {
    deadlineHit = true;
    controller.abort();
  });

  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  opts.logger?.debug('modelstream: request', {
    method: call.method,
    path: call.path,
    ...(opts.logPrompts && body ? { body: redactSecrets(body, secrets) } : {}),
  });
  try {
    sent = true;
    const response = await opts.transport({
      method: call.method,
      url: opts.baseUrl + call.path,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: controller.signal,
      connectTimeoutMs: Math.min(opts.timeouts.connectMs, remaining),
      headersTimeoutMs: Math.min(call.headersMs, remaining),
      bodyTimeoutMs: Math.min(opts.timeouts.idleMs, remaining),
    });
    const requestId = response.headers['x-request-id'] ?? response.headers['x-modelstream-request-id'];
    opts.logger?.debug('modelstream: response', {
      method: call.method,
      path: call.path,
      status: response.status,
      requestId,
    });
    return { response: { ...response, requestId, release, failure } };
  } catch (error) {
    return { error: failure(error) };
  }
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads a 2xx body as JSON; a body that is not JSON is an InvalidResponseError (never retried: it ran). */
export async function readJson(response: OpenResponse): Promise<unknown> {
  let text: string;
  try {
    text = response.text ? await response.text() : await readBodyText(response.body);
  } catch (error) {
    throw response.failure(error);
  }
  response.release();
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidResponseError(
      `ModelStream answered ${response.status} with a body that is not JSON (${text.length} bytes); the request may have run, so it was not sent again.`,
      { status: response.status, requestId: response.requestId },
    );
  }
}

export { discardBody };
