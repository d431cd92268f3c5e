import {
  classifyNetworkError,
  type Transport,
  TransportFailure,
  type TransportFailureKind,
} from '@modelstream-kit/core';
import type { HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';

/** Request options z.request honours that its typings leave out. */
export interface ZapierRequestOptions extends HttpRequestOptions {
  signal?: AbortSignal;
  /** false: the core must see 429s (with their Retry-After) instead of Zapier throwing first. */
  throwForThrottlingEarly?: boolean;
  /** false: no request template and no {{curly}} check, so a prompt may contain "{{bundle.x}}". */
  merge?: boolean;
}

/** What node-fetch (under z.request) threw, as the core's failure kinds. Unknown means "may have arrived". */
export function failureKind(error: unknown, signal: AbortSignal): TransportFailureKind {
  return signal.aborted ? 'aborted' : classifyNetworkError(error);
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * The core's Transport over `z.request`, so every call goes through Zapier's middleware and HTTP logs.
 * Statuses are handed to the core untouched (it retries, maps and redacts); only network failures throw.
 */
export function createZapierTransport(z: ZObject): Transport {
  return async (request) => {
    const options: ZapierRequestOptions = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
      merge: false,
      // node-fetch's timeout runs until the headers arrive, then again while reading the body.
      timeout: Math.max(1, Math.min(request.headersTimeoutMs, request.bodyTimeoutMs)),
      signal: request.signal,
      removeMissingValuesFrom: { params: false, body: false },
      ...(request.body === undefined ? {} : { body: request.body }),
    };
    let response: HttpResponse;
    try {
      response = await z.request(options as HttpRequestOptions & { url: string });
    } catch (error) {
      const kind = failureKind(error, request.signal);
      const message = error instanceof Error ? error.message : String(error);
      throw new TransportFailure(kind, message, { cause: error });
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    return {
      status: response.status,
      headers,
      body: once(new TextEncoder().encode(response.content ?? '')),
    };
  };
}
