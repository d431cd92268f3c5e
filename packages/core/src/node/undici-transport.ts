import { Agent, type Dispatcher, request } from 'undici';
import { classifyNetworkError } from '../http/classify-network-error.js';
import { type Transport, TransportFailure } from '../http/transport.js';

function toFailure(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TransportFailure(classifyNetworkError(error), message);
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
