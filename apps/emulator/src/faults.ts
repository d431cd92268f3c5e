/** Which requests a fault applies to; unset fields match anything. */
export interface FaultMatch {
  method?: string;
  /** A path prefix, such as `/v1/chat/completions` or `/v1/responses/`. */
  path?: string;
}

/** One injected misbehaviour, used by the next matching request and then gone. */
export type Fault = { match?: FaultMatch } & (
  | {
      kind: 'status';
      status: number;
      /** `Retry-After` header: seconds, or an HTTP date as a string. */
      retryAfter?: number | string;
      /** `retry-after-ms` header. */
      retryAfterMs?: number;
      code?: string;
      message?: string;
    }
  | { kind: 'drop'; when: 'before-body' | 'after-body' }
  | { kind: 'slow-headers'; ms: number }
  | { kind: 'truncate-stream'; afterChunks: number }
  | {
      kind: 'stream-error';
      /** Chunks sent before the error event (the role chunk counts). */
      afterChunks: number;
      /** Send a usage chunk with the tokens so far just before the error. Default false. */
      usage?: boolean;
      code?: string;
      message?: string;
      type?: string;
    }
  | {
      kind: 'corrupt-stream-line';
      /** Which chunk (1 = the role chunk) goes out as a `data:` line that is not JSON, in place of itself. */
      atChunk: number;
    }
  | { kind: 'malformed-json' }
  | {
      kind: 'echo-key';
      /** `error` (default): an error answer echoing the Authorization header; `answer`: a 200 that does. */
      where?: 'error' | 'answer';
      /** Status of the `error` variant. Default 401. */
      status?: number;
    }
  | { kind: 'gzip-unasked' }
  | {
      kind: 'huge-body';
      /** Size of the body in bytes. */
      bytes: number;
      /** Default 200; 4xx/5xx send an error object of that size. */
      status?: number;
      /** Send no content-length (chunked), so only counting the bytes finds the size. Default false. */
      chunked?: boolean;
    }
  | { kind: 'job-fails'; message?: string }
  | { kind: 'job-cancelled' }
);

export type FaultKind = Fault['kind'];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

const KINDS: readonly FaultKind[] = [
  'status',
  'drop',
  'slow-headers',
  'truncate-stream',
  'stream-error',
  'corrupt-stream-line',
  'malformed-json',
  'echo-key',
  'gzip-unasked',
  'huge-body',
  'job-fails',
  'job-cancelled',
];

const isStatus = (v: unknown, min: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 599;

/** Checks a fault sent over HTTP; returns what is wrong with it, in words. */
export function faultProblem(value: unknown, index: number): string | undefined {
  const at = `faults[${index}]`;
  if (!value || typeof value !== 'object') return `${at}: must be an object with a kind`;
  const f = value as Record<string, unknown>;
  if (!KINDS.includes(f.kind as FaultKind)) {
    return `${at}.kind: ${JSON.stringify(f.kind)} is not a fault; use ${KINDS.join(', ')}`;
  }
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (f.match !== undefined) {
    const m = f.match as Record<string, unknown> | null;
    if (!m || typeof m !== 'object') return `${at}.match: must be { method?, path? }`;
    if (m.method !== undefined && typeof m.method !== 'string') return `${at}.match.method: must be a string`;
    if (m.path !== undefined && typeof m.path !== 'string') return `${at}.match.path: must be a string`;
  }
  switch (f.kind) {
    case 'status':
      if (!(Number.isInteger(f.status) && (f.status as number) >= 100 && (f.status as number) <= 599)) {
        return `${at}.status: ${JSON.stringify(f.status)} is not an HTTP status; use 100..599`;
      }
      if (
        f.retryAfter !== undefined &&
        typeof f.retryAfter !== 'number' &&
        typeof f.retryAfter !== 'string'
      ) {
        return `${at}.retryAfter: must be seconds or an HTTP date`;
      }
      if (f.retryAfterMs !== undefined && !isCount(f.retryAfterMs)) {
        return `${at}.retryAfterMs: must be a whole number of ms`;
      }
      return undefined;
    case 'drop':
      return f.when === 'before-body' || f.when === 'after-body'
        ? undefined
        : `${at}.when: ${JSON.stringify(f.when)} is not allowed; use before-body or after-body`;
    case 'slow-headers':
      return isCount(f.ms) ? undefined : `${at}.ms: must be a whole number of ms`;
    case 'truncate-stream':
      return isCount(f.afterChunks) ? undefined : `${at}.afterChunks: must be a whole number`;
    case 'stream-error':
      if (!isCount(f.afterChunks)) return `${at}.afterChunks: must be a whole number`;
      if (f.usage !== undefined && typeof f.usage !== 'boolean') return `${at}.usage: must be true or false`;
      for (const key of ['code', 'message', 'type'] as const) {
        if (f[key] !== undefined && typeof f[key] !== 'string') return `${at}.${key}: must be a string`;
      }
      return undefined;
    case 'corrupt-stream-line':
      return isCount(f.atChunk) && (f.atChunk as number) >= 1
        ? undefined
        : `${at}.atChunk: must be a whole number >= 1 (1 is the first chunk)`;
    case 'echo-key':
      if (f.where !== undefined && f.where !== 'error' && f.where !== 'answer') {
        return `${at}.where: ${JSON.stringify(f.where)} is not allowed; use error or answer`;
      }
      if (f.status !== undefined && !isStatus(f.status, 400)) {
        return `${at}.status: ${JSON.stringify(f.status)} is not allowed; use 400..599`;
      }
      return undefined;
    case 'huge-body':
      if (!(isCount(f.bytes) && (f.bytes as number) >= 1)) return `${at}.bytes: must be a whole number >= 1`;
      if (f.status !== undefined && !isStatus(f.status, 200)) {
        return `${at}.status: ${JSON.stringify(f.status)} is not allowed; use 200..599`;
      }
      if (f.chunked !== undefined && typeof f.chunked !== 'boolean')
        return `${at}.chunked: must be true or false`;
      return undefined;
    default:
      return undefined;
  }
}

/** When in a request's life each kind can apply. */
const STAGE: Readonly<Record<FaultKind, 'request' | 'stream' | 'job'>> = {
  status: 'request',
  drop: 'request',
  'slow-headers': 'request',
  'malformed-json': 'request',
  'echo-key': 'request',
  'gzip-unasked': 'request',
  'huge-body': 'request',
  'truncate-stream': 'stream',
  'stream-error': 'stream',
  'corrupt-stream-line': 'stream',
  'job-fails': 'job',
  'job-cancelled': 'job',
};

export class FaultQueue {
  #faults: Fault[] = [];

  enqueue(...faults: Fault[]): void {
    this.#faults.push(...faults);
  }

  clear(): void {
    this.#faults = [];
  }

  pending(): Fault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** Removes and returns the first queued fault of the given stage that matches the request. */
  take(stage: 'request' | 'stream' | 'job', method: string, path: string): Fault | undefined {
    const index = this.#faults.findIndex(
      (f) =>
        STAGE[f.kind] === stage &&
        (!f.match?.method || f.match.method.toUpperCase() === method) &&
        (!f.match?.path || path.startsWith(f.match.path)),
    );
    if (index < 0) return undefined;
    return this.#faults.splice(index, 1)[0];
  }
}
