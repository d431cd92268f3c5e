import type { Transport } from '@modelstream-kit/core';

/** What the doctor saw of one exchange: never a header value of the request, never the body sent. */
export interface Exchange {
  method: string;
  path: string;
  status: number | undefined;
  /** Response header names, lower case. */
  headerNames: string[];
  contentType: string | undefined;
  /** Milliseconds from sending to the response headers. */
  headersMs: number;
  /** The first bytes of the response body, as text (enough to tell SSE comments and [DONE] apart). */
  bodyStart: string;
}

const KEEP = 16 * 1024;

/** A transport that records each exchange's status, headers and first bytes, passing everything on. */
export function recordingTransport(
  inner: Transport,
  now: () => number,
): { transport: Transport; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const transport: Transport = async (request) => {
    const startedAt = now();
    const path = new URL(request.url).pathname;
    const exchange: Exchange = {
      method: request.method,
      path,
      status: undefined,
      headerNames: [],
      contentType: undefined,
      headersMs: 0,
      bodyStart: '',
    };
    exchanges.push(exchange);
    const response = await inner(request);
    exchange.status = response.status;
    exchange.headerNames = Object.keys(response.headers);
    exchange.contentType = response.headers['content-type'];
    exchange.headersMs = now() - startedAt;
    const decoder = new TextDecoder();
    async function* tee(body: AsyncIterable<Uint8Array>) {
      for await (const chunk of body) {
        if (exchange.bodyStart.length < KEEP) exchange.bodyStart += decoder.decode(chunk, { stream: true });
        yield chunk;
      }
    }
    return { status: response.status, headers: response.headers, body: tee(response.body) };
  };
  return { transport, exchanges };
}
