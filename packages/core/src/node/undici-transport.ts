import { Agent, type Dispatcher, request } from 'undici';
import { type Transport, TransportFailure, type TransportFailureKind } from '../http/transport.js';

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

function kindOf(error: unknown): TransportFailureKind {
  const e = error as { code?: string; name?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  if (e?.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return 'aborted';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect-timeout';
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'headers-timeout';
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'body-timeout';
  if (code && CONNECT_CODES.has(code)) return 'connect';
  return 'dropped';
}

function toFailure(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TransportFailure(kindOf(error), message);
}

async function* mapBodyErrors(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw toFailure(error);
  }
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

let sharedAgent: Agent | undefined;

/** One keep-alive Agent for the process: connections are reused across calls. */
export function defaultAgent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 4_000, connect: { timeout: 10_000 } });
  return sharedAgent;
}

/** Closes the shared Agent's sockets (tests, benchmarks, short-lived commands). */
export async function closeDefaultAgent(): Promise<void> {
  const agent = sharedAgent;
  sharedAgent = undefined;
  await agent?.close();
}

/** The Node transport: undici's `request` on a shared Agent, with the call's phase timeouts. */
export function createUndiciTransport(options: { dispatcher?: Dispatcher } = {}): Transport {
  return async (req) => {
    try {
      const response = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal: req.signal,
        headersTimeout: req.headersTimeoutMs,
        bodyTimeout: req.bodyTimeoutMs,
        dispatcher: options.dispatcher ?? defaultAgent(),
      });
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: mapBodyErrors(response.body),
        text: () => response.body.text().catch((error: unknown) => Promise.reject(toFailure(error))),
      };
    } catch (error) {
      throw toFailure(error);
    }
  };
}
