import { classifyNetworkError, type Transport, TransportFailure } from '@modelstream-kit/core';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

interface ErrorLike {
  message?: unknown;
  cause?: unknown;
  reason?: unknown;
}

/** n8n wraps the HTTP client's error (NodeApiError → AxiosError → system error): look down the chain. */
function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 5) {
    const e = current as ErrorLike;
    chain.push(e);
    current = e.cause ?? e.reason;
  }
  return chain;
}

/** The innermost readable message (the system error's, not n8n's paraphrase of it). */
function failureMessage(error: unknown): string {
  const chain = errorChain(error);
  for (let i = chain.length - 1; i >= 0; i--) {
    const message = chain[i]?.message;
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}

export function toTransportFailure(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  return new TransportFailure(classifyNetworkError(error), failureMessage(error));
}

function toBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new TextEncoder().encode(text);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.byteLength > 0) yield bytes;
}

function flattenHeaders(headers: unknown): Record<string, string> {
  const source =
    headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON: () => unknown }).toJSON()
      : headers;
  const out: Record<string, string> = {};
  if (!source || typeof source !== 'object') return out;
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Rejects as soon as the signal aborts, whatever the request underneath does. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new TransportFailure('aborted', 'The request was aborted.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TransportFailure('aborted', 'The request was aborted.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(toTransportFailure(error));
      },
    );
  });
}

/**
 * n8n replaces a request's abortSignal with the execution's cancel signal when the helper is called on
 * a context that has getExecutionCancelSignal. The request's own signal is better: the core links it to
 * the cancel signal and also fires it at the call's deadline, and the request that cancels the upstream
 * job after the execution was cancelled must not be aborted with it. So the helper sees the context
 * without that one method; everything else (credentials, node, logger) is the real context.
 */
function withoutCancelSignalOverride(ctx: IExecuteFunctions): IExecuteFunctions {
  return new Proxy(ctx, {
    has: (target, key) => key !== 'getExecutionCancelSignal' && Reflect.has(target, key),
  });
}

interface FullResponse {
  body?: unknown;
  headers?: unknown;
  statusCode?: number;
}

/**
 * The core's Transport over n8n's `httpRequestWithAuthentication`: the credential adds the key, n8n's
 * proxy and SSRF settings apply, and every request carries an explicit timeout and abort signal.
 */
export function createN8nTransport(ctx: IExecuteFunctions, credentialType: string): Transport {
  const requestContext = withoutCancelSignalOverride(ctx);
  return async (req) => {
    const options: IHttpRequestOptions = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      encoding: 'arraybuffer',
      json: false,
      timeout: req.headersTimeoutMs,
      abortSignal: req.signal,
    };
    if (req.body !== undefined) options.body = req.body;
    const response = (await raceAbort(
      ctx.helpers.httpRequestWithAuthentication.call(requestContext, credentialType, options),
      req.signal,
    )) as FullResponse;
    if (typeof response?.statusCode !== 'number') {
      throw new TransportFailure('dropped', 'n8n returned no HTTP status for the request.');
    }
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body: once(toBytes(response.body)),
    };
  };
}
