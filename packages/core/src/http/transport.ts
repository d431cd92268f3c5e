export type HttpMethod = 'GET' | 'POST';

export interface TransportRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Fires when the caller aborts or the call's deadline passes. */
  signal: AbortSignal;
  /** Time allowed to open the connection. */
  connectTimeoutMs: number;
  /** Time allowed from sending until the response headers arrive. */
  headersTimeoutMs: number;
  /** Time allowed between two chunks of the body (the idle gap of a stream). */
  bodyTimeoutMs: number;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body, read once. */
  body: AsyncIterable<Uint8Array>;
  /** The whole body as text, when the transport can read it faster than by iterating (read once, instead of `body`). */
  text?: () => Promise<string>;
}

/**
 * Sends one request. Failures that are not HTTP statuses are thrown as {@link TransportFailure}, so the
 * client can tell "never reached the server" from "may be running upstream".
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export type TransportFailureKind =
  /** Could not connect (refused, DNS, unreachable): the request never left. */
  | 'connect'
  | 'connect-timeout'
  | 'headers-timeout'
  | 'body-timeout'
  /** The connection closed or reset after the request was (perhaps) written. */
  | 'dropped'
  | 'aborted';

export class TransportFailure extends Error {
  readonly kind: TransportFailureKind;
  constructor(kind: TransportFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportFailure';
    this.kind = kind;
  }

  /** Whether the server may have received the whole request. */
  get requestMayHaveArrived(): boolean {
    return this.kind !== 'connect' && this.kind !== 'connect-timeout';
  }
}

/** Time, injected: the core never touches timers itself. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Optional: calls `onFire` after `ms` unless the returned function is called first. The client keeps a
   * deadline timer on every request and almost always stops it; this is cheaper than `sleep` with an
   * AbortSignal, which is used when a clock does not have it.
   */
  setTimer?(ms: number, onFire: () => void): () => void;
}
