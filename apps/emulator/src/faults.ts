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
  | { kind: 'malformed-json' }
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
  'malformed-json',
  'job-fails',
  'job-cancelled',
];

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
  'truncate-stream': 'stream',
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
