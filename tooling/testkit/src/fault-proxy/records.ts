import type { ProxyActionName } from './rules.js';

/** One request seen on a connection and what became of its response. Never a header value. */
export interface RequestRecord {
  /** 1, 2, 3... across all connections, in arrival order since the last clear. */
  seq: number;
  /** The connection's `id`. */
  connection: number;
  /** `GET /v1/responses/resp_1 HTTP/1.1` */
  requestLine: string;
  method: string;
  /** The path without the query string. */
  path: string;
  /** Lower-case header names, in order. */
  headerNames: string[];
  /** Whether an Authorization header was sent (its value is not kept). */
  hasAuthorization: boolean;
  /** Bytes of this request (head and body) sent upstream. */
  bytesUp: number;
  /** The status upstream answered, once its head came. */
  status?: number;
  /** Bytes of the response that reached the client. */
  bytesDown: number;
  /** The rule applied to this request's response, if any. */
  action?: ProxyActionName;
  /** Whether the whole response reached the client (false when cut, stalled or still running). */
  delivered: boolean;
}

export interface ConnectionRecord {
  /** 1, 2, 3... in order of acceptance since the last clear. */
  id: number;
  /** Epoch ms. */
  openedAt: number;
  /** Bytes from the client to upstream, and from upstream (as shaped) to the client. */
  bytesUp: number;
  bytesDown: number;
  requests: RequestRecord[];
  /** A connection rule applied on accept, or a request rule's reset/stall that ended it. */
  ended?: 'reset' | 'stall';
  closed: boolean;
  /** The bytes were not HTTP/1.x (TLS, say): forwarded as they came, no rule applied. */
  opaque: boolean;
}
