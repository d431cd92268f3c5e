import {
  headersFrom,
  singleChunkBody,
  type Transport,
  TransportFailure,
  toTransportFailure,
} from '@modelstream-kit/core';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

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
        reject(toTransportFailure(error, signal));
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
      headers: headersFrom(response.headers),
      body: singleChunkBody(response.body),
    };
  };
}
