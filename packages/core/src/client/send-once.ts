import type { ModelStreamError } from '../errors/model-stream-error.js';
import type { Clock, HttpMethod } from '../http/transport.js';
import { redactSecrets } from '../redact.js';
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

export function failureContext(call: HttpCall, secrets: readonly (string | undefined)[], deadlineMs: number) {
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

/** One attempt: the request handed to the transport under the call's deadline and the caller's signal. */
export async function sendOnce(
  opts: ResolvedOptions,
  call: HttpCall,
  userSignal: AbortSignal | undefined,
  deadlineAt: number,
  deadlineMs: number,
): Promise<{ response: OpenResponse } | { error: ModelStreamError }> {
  const { clock } = opts;
  const secrets = [opts.apiKey, ...opts.secrets];
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
    // A gateway may echo the request's headers into its own: the request id is scrubbed like the rest.
    const rawId = response.headers['x-request-id'] ?? response.headers['x-modelstream-request-id'];
    const requestId = rawId === undefined ? undefined : redactSecrets(rawId, secrets);
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
