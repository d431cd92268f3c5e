import type { TransportFailureKind } from './transport.js';

/** System errors that prove the request never left this machine: the only ones a POST may be retried after. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);
const ABORTED = new Set(['ABORT_ERR', 'UND_ERR_ABORTED', 'ERR_CANCELED']);
const ABORT_NAMES = new Set(['AbortError', 'CanceledError']);
const CONNECT_TIMEOUT = new Set(['UND_ERR_CONNECT_TIMEOUT']);
// ETIMEDOUT may also be a TCP connect timeout; reading it as "may have arrived" is the safe side.
const HEADERS_TIMEOUT = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ESOCKETTIMEDOUT',
  'request-timeout',
]);
const BODY_TIMEOUT = new Set(['UND_ERR_BODY_TIMEOUT', 'body-timeout']);

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  type?: unknown;
  name?: unknown;
  cause?: unknown;
  reason?: unknown;
}

/** HTTP clients wrap the system error (n8n: NodeApiError → AxiosError → Error): look down the chain. */
function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 6) {
    const e = current as ErrorLike;
    chain.push(e);
    current = e.cause ?? e.reason;
  }
  return chain;
}

/**
 * What an HTTP client threw (undici, node-fetch under Zapier's z.request, axios under n8n), as the
 * core's failure kinds. Anything not recognised is `dropped`: a POST that may have arrived is never resent.
 */
export function classifyNetworkError(error: unknown): TransportFailureKind {
  const chain = errorChain(error);
  const marks = new Set<string>();
  for (const e of chain) {
    for (const value of [e.code, e.errno, e.type]) if (typeof value === 'string') marks.add(value);
  }
  const has = (set: ReadonlySet<string>) => [...marks].some((m) => set.has(m));
  if (has(ABORTED) || marks.has('aborted') || chain.some((e) => ABORT_NAMES.has(String(e.name))))
    return 'aborted';
  if (has(NEVER_SENT)) return 'connect';
  if (has(CONNECT_TIMEOUT)) return 'connect-timeout';
  if (has(BODY_TIMEOUT)) return 'body-timeout';
  if (has(HEADERS_TIMEOUT)) return 'headers-timeout';
  return 'dropped';
}
