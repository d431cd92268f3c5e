import type { FaultKind } from './faults.js';

/** One request as the emulator received it: never the key, never the prompt. */
export interface RecordedRequest {
  /** 1, 2, 3... in arrival order since the last reset. */
  seq: number;
  method: string;
  path: string;
  model?: string;
  background?: boolean;
  stream?: boolean;
  /** Epoch milliseconds. */
  receivedAt: number;
  /** Whether an `Authorization` header was sent (its value is not kept). */
  hasKey: boolean;
  /** The status answered, once known; absent when the connection was dropped or is still open. */
  status?: number;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
}

export class RequestLog {
  #entries: RecordedRequest[] = [];
  #seq = 0;
  readonly #limit: number;

  constructor(limit = 100_000) {
    this.#limit = limit;
  }

  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const record: RecordedRequest = { seq: ++this.#seq, ...entry };
    if (this.#entries.length >= this.#limit) this.#entries.shift();
    this.#entries.push(record);
    return record;
  }

  list(): RecordedRequest[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.#entries = [];
    this.#seq = 0;
  }
}
