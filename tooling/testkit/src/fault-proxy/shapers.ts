import type { Piece } from '../http-framer.js';
import type { ProxyAction } from './rules.js';

/** What the writer does with the client's socket, in order. */
export type Op =
  | { op: 'write'; bytes: Buffer }
  | { op: 'trickle'; bytes: Buffer; maxBytes: number; pauseMs: number }
  | { op: 'pause'; ms: number }
  | { op: 'reset' }
  | { op: 'stall' }
  /** Runs once everything before it went out (not after a reset or a stall). */
  | { op: 'mark'; run: () => void };

/** Turns the pieces of one response into what goes to the client. */
export interface Shaper {
  piece(piece: Piece): Op[];
}

const write = (bytes: Buffer): Op[] => (bytes.length > 0 ? [{ op: 'write', bytes }] : []);

const pass: Shaper = { piece: (p) => (p.type === 'end' ? [] : write(p.bytes)) };

/** Forwards up to a point, then resets or stalls; bytes past the point are dropped. */
class CutShaper implements Shaper {
  #sent = 0;
  #bodySent = 0;
  #cut = false;

  constructor(
    private readonly end: 'reset' | 'stall',
    private readonly afterBytes: number | undefined,
    private readonly afterBodyBytes: number | undefined,
  ) {}

  piece(p: Piece): Op[] {
    if (this.#cut || p.type === 'end') return [];
    const out: Op[] = [];
    if (this.afterBodyBytes === undefined) {
      const limit = this.afterBytes ?? 0;
      const take = Math.min(p.bytes.length, limit - this.#sent);
      out.push(...write(p.bytes.subarray(0, take)));
      this.#sent += take;
      if (this.#sent >= limit) out.push(this.#stop());
      return out;
    }
    if (p.type !== 'body') {
      out.push(...write(p.bytes));
      if (p.type === 'head' && this.afterBodyBytes === 0) out.push(this.#stop());
      return out;
    }
    const take = Math.min(p.bytes.length, this.afterBodyBytes - this.#bodySent);
    out.push(...write(p.bytes.subarray(0, take)));
    this.#bodySent += take;
    if (this.#bodySent >= this.afterBodyBytes) out.push(this.#stop());
    return out;
  }

  #stop(): Op {
    this.#cut = true;
    return { op: this.end };
  }
}

/** Holds the body until its target line is complete, overwrites the line's last bytes, then forwards. */
class CorruptShaper implements Shaper {
  #held: { piece: Piece & { bytes: Buffer } }[] = [];
  #decoded: Buffer[] = [];
  #decodedLength = 0;
  #scanned = 0;
  #lineStart = 0;
  #dataLines = 0;
  #done = false;
  readonly #bytes: Buffer;

  constructor(
    private readonly dataLine: number | undefined,
    bytes: string,
  ) {
    this.#bytes = Buffer.from(bytes, 'latin1');
  }

  piece(p: Piece): Op[] {
    if (this.#done) return p.type === 'end' ? [] : write(p.bytes);
    if (p.type === 'head') return write(p.bytes);
    if (p.type === 'end') {
      // A body that ended before its target line: the whole body is the JSON to corrupt, or it passes.
      if (this.dataLine === undefined) this.#overwriteBefore(this.#decodedLength);
      return this.#flush();
    }
    this.#held.push({ piece: { ...p, bytes: Buffer.from(p.bytes) } });
    if (p.type !== 'body') return [];
    this.#decoded.push(Buffer.from(p.bytes));
    this.#decodedLength += p.bytes.length;
    return this.dataLine === undefined ? [] : this.#scanLines();
  }

  #scanLines(): Op[] {
    const text = Buffer.concat(this.#decoded);
    for (let i = text.indexOf(0x0a, this.#scanned); i >= 0; i = text.indexOf(0x0a, i + 1)) {
      const isData = text.subarray(this.#lineStart, this.#lineStart + 5).toString('latin1') === 'data:';
      if (isData && ++this.#dataLines === this.dataLine) {
        this.#overwriteBefore(i + 1);
        return this.#flush();
      }
      this.#lineStart = i + 1;
    }
    this.#scanned = text.length;
    return [];
  }

  /** Overwrites the last bytes before `end` (a line end or the body end), not counting a trailing CR/LF. */
  #overwriteBefore(end: number): void {
    const text = Buffer.concat(this.#decoded);
    let stop = end;
    while (stop > 0 && (text[stop - 1] === 0x0a || text[stop - 1] === 0x0d)) stop--;
    const start = Math.max(this.dataLine === undefined ? 0 : this.#lineStart, stop - this.#bytes.length);
    let offset = 0;
    for (const { piece } of this.#held) {
      if (piece.type !== 'body') continue;
      for (let i = 0; i < piece.bytes.length; i++) {
        const at = offset + i;
        if (at >= start && at < stop) piece.bytes[i] = this.#bytes[(at - start) % this.#bytes.length]!;
      }
      offset += piece.bytes.length;
    }
  }

  #flush(): Op[] {
    this.#done = true;
    const out = this.#held.flatMap(({ piece }) => write(piece.bytes));
    this.#held = [];
    this.#decoded = [];
    return out;
  }
}

class DelayHeadersShaper implements Shaper {
  constructor(private readonly ms: number) {}

  piece(p: Piece): Op[] {
    if (p.type === 'head') return [{ op: 'pause', ms: this.ms }, ...write(p.bytes)];
    return pass.piece(p);
  }
}

class SplitShaper implements Shaper {
  constructor(
    private readonly maxBytes: number,
    private readonly pauseMs: number,
  ) {}

  piece(p: Piece): Op[] {
    if (p.type === 'end' || p.bytes.length === 0) return [];
    return [{ op: 'trickle', bytes: p.bytes, maxBytes: this.maxBytes, pauseMs: this.pauseMs }];
  }
}

export function shaperFor(action: ProxyAction | undefined): Shaper {
  switch (action?.action) {
    case undefined:
    case 'pass':
      return pass;
    case 'reset':
    case 'stall':
      return new CutShaper(action.action, action.afterBytes, action.afterBodyBytes);
    case 'split':
      return new SplitShaper(action.maxBytes ?? 3, action.pauseMs ?? 0);
    case 'corrupt':
      return new CorruptShaper(action.dataLine, action.bytes ?? '#');
    case 'delay-headers':
      return new DelayHeadersShaper(action.ms);
  }
}
