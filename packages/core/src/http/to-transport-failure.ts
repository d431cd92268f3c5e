import { classifyNetworkError } from './classify-network-error.js';
import { TransportFailure } from './transport.js';

interface ErrorLike {
  message?: unknown;
  cause?: unknown;
  reason?: unknown;
}

/** The innermost readable message: the system error's, not an HTTP client's paraphrase of it. */
function innermostMessage(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const e = current as ErrorLike;
    if (typeof e.message === 'string' && e.message) messages.push(e.message);
    current = e.cause ?? e.reason;
  }
  return messages.at(-1) ?? String(error);
}

/**
 * What an HTTP client threw, as the core's TransportFailure: the one mapping every transport uses
 * (undici, axios under n8n, node-fetch under Zapier). An aborted signal always reads as `aborted`.
 * The client's error is not kept as the cause: axios' carries the request's headers, the key among them.
 */
export function toTransportFailure(error: unknown, signal?: AbortSignal): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const kind = signal?.aborted ? 'aborted' : classifyNetworkError(error);
  return new TransportFailure(kind, innermostMessage(error));
}
