/** The first line and header names of one HTTP/1.1 message; header values are read for framing, never kept. */
export interface MessageHead {
  /** `GET /v1/models HTTP/1.1`, or `HTTP/1.1 200 OK`. */
  startLine: string;
  /** Requests: the method, upper-case. */
  method?: string;
  /** Requests: the target as sent (origin-form path, or absolute-form through a proxy). */
  target?: string;
  /** Responses: the status code. */
  status?: number;
  /** Lower-case header names, in order. */
  headerNames: string[];
}

/** The raw bytes of a connection cut into what they are; concatenated, the pieces are the bytes as they came. */
export type Piece =
  | { type: 'head'; bytes: Buffer; head: MessageHead }
  /** Payload bytes (the message body itself, without chunk framing). */
  | { type: 'body'; bytes: Buffer }
  /** Chunk-size lines, the CRLF after each chunk, trailers. */
  | { type: 'framing'; bytes: Buffer }
  /** A message ended; `interim` for a 1xx response, after which the final one comes. */
  | { type: 'end'; interim: boolean };

type State =
  | { name: 'head' }
  | { name: 'length'; left: number }
  | { name: 'chunk-size' }
  | { name: 'chunk-data'; left: number }
  | { name: 'chunk-crlf' }
  | { name: 'trailers' }
  | { name: 'until-close' };

const MAX_HEAD = 64 * 1024;
const MAX_LINE = 8 * 1024;

/** Parses the head of a message; throws on what is not HTTP/1.x. */
function parseHead(kind: 'request' | 'response', text: string) {
  const lines = text.split(/\r?\n/);
  const startLine = lines[0] ?? '';
  const names: string[] = [];
  let contentLength: number | undefined;
  let chunked = false;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not an HTTP header line: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    names.push(name);
    if (name === 'content-length') contentLength = Number(value);
    if (name === 'transfer-encoding' && /(^|,)\s*chunked\s*$/i.test(value)) chunked = true;
  }
  const head: MessageHead = { startLine, headerNames: names };
  if (kind === 'request') {
    const match = /^([A-Z-]+) (\S+) HTTP\/1\.[01]$/.exec(startLine);
    if (!match) throw new Error(`not an HTTP/1.x request line: ${JSON.stringify(startLine.slice(0, 60))}`);
    head.method = match[1]!;
    head.target = match[2]!;
  } else {
    const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(startLine);
    if (!match) throw new Error(`not an HTTP/1.x status line: ${JSON.stringify(startLine.slice(0, 60))}`);
    head.status = Number(match[1]);
  }
  if (contentLength !== undefined && !(Number.isInteger(contentLength) && contentLength >= 0)) {
    throw new Error('bad content-length');
  }
  return { head, contentLength, chunked };
}

/**
 * An incremental HTTP/1.1 framer for one direction of a connection: it finds where each message's head,
 * body and chunk framing are, so a proxy can act on "the 2nd response" or "byte 10 of this body" on a
 * keep-alive connection without re-encoding anything.
 */
export class HttpFramer {
  readonly #kind: 'request' | 'response';
  readonly #requestMethod: (index: number) => string | undefined;
  #state: State = { name: 'head' };
  #line = Buffer.alloc(0);
  #interim = false;
  /** Final (not 1xx) messages ended so far. */
  #ended = 0;

  /**
   * `requestMethod` (responses): the method of the request the `index`-th final response (0, 1, ...)
   * answers, for HEAD's bodiless answers.
   */
  constructor(
    kind: 'request' | 'response',
    requestMethod: (index: number) => string | undefined = () => undefined,
  ) {
    this.#kind = kind;
    this.#requestMethod = requestMethod;
  }

  push(chunk: Buffer): Piece[] {
    const out: Piece[] = [];
    let at = 0;
    while (at < chunk.length) at = this.#step(chunk, at, out);
    return out;
  }

  /** The peer closed its side: a body read until the close ends here. */
  finish(): Piece[] {
    if (this.#state.name !== 'until-close') return [];
    const out: Piece[] = [];
    this.#end(out);
    return out;
  }

  /** Reads a line ending in LF into #line; returns the offset after it, or -1 when the line goes on. */
  #readLine(chunk: Buffer, at: number, max: number): number {
    const lf = chunk.indexOf(0x0a, at);
    const end = lf < 0 ? chunk.length : lf + 1;
    this.#line = Buffer.concat([this.#line, chunk.subarray(at, end)]);
    if (this.#line.length > max) throw new Error('an HTTP head or framing line is too long');
    return lf < 0 ? -1 : end;
  }

  #takeLine(): Buffer {
    const line = this.#line;
    this.#line = Buffer.alloc(0);
    return line;
  }

  #step(chunk: Buffer, at: number, out: Piece[]): number {
    const state = this.#state;
    switch (state.name) {
      case 'head': {
        // The head ends at an empty line: read line by line until one is empty.
        const next = this.#readLine(chunk, at, MAX_HEAD);
        if (next < 0) return chunk.length;
        const text = this.#line.toString('latin1');
        if (!/\r?\n\r?\n$/.test(text) && !/^\r?\n$/.test(text)) return next;
        if (/^\r?\n$/.test(text)) {
          this.#takeLine(); // a stray empty line between messages
          return next;
        }
        this.#startBody(this.#takeLine(), out);
        return next;
      }
      case 'length': {
        const take = Math.min(state.left, chunk.length - at);
        out.push({ type: 'body', bytes: chunk.subarray(at, at + take) });
        state.left -= take;
        if (state.left === 0) this.#end(out);
        return at + take;
      }
      case 'until-close':
        out.push({ type: 'body', bytes: chunk.subarray(at) });
        return chunk.length;
      case 'chunk-data': {
        const take = Math.min(state.left, chunk.length - at);
        out.push({ type: 'body', bytes: chunk.subarray(at, at + take) });
        state.left -= take;
        if (state.left === 0) this.#state = { name: 'chunk-crlf' };
        return at + take;
      }
      case 'chunk-size':
      case 'chunk-crlf':
      case 'trailers': {
        const next = this.#readLine(chunk, at, MAX_LINE);
        if (next < 0) return chunk.length;
        const line = this.#takeLine();
        out.push({ type: 'framing', bytes: line });
        const text = line.toString('latin1').replace(/\r?\n$/, '');
        if (state.name === 'chunk-crlf') {
          if (text !== '') throw new Error('a chunk does not end with CRLF');
          this.#state = { name: 'chunk-size' };
        } else if (state.name === 'chunk-size') {
          const size = Number.parseInt(text.split(';')[0]!.trim(), 16);
          if (!Number.isInteger(size) || size < 0) throw new Error(`bad chunk size ${JSON.stringify(text)}`);
          this.#state = size === 0 ? { name: 'trailers' } : { name: 'chunk-data', left: size };
        } else if (text === '') {
          this.#end(out);
        }
        return next;
      }
    }
  }

  #startBody(raw: Buffer, out: Piece[]): void {
    const { head, contentLength, chunked } = parseHead(this.#kind, raw.toString('latin1'));
    out.push({ type: 'head', bytes: raw, head });
    const status = head.status ?? 0;
    this.#interim = this.#kind === 'response' && status >= 100 && status < 200 && status !== 101;
    const bodiless =
      this.#kind === 'response'
        ? this.#interim || status === 204 || status === 304 || this.#requestMethod(this.#ended) === 'HEAD'
        : !chunked && !contentLength;
    if (status === 101) this.#state = { name: 'until-close' };
    else if (bodiless) this.#end(out);
    else if (chunked) this.#state = { name: 'chunk-size' };
    else if (contentLength !== undefined) {
      if (contentLength === 0) this.#end(out);
      else this.#state = { name: 'length', left: contentLength };
    } else this.#state = { name: 'until-close' };
  }

  #end(out: Piece[]): void {
    out.push({ type: 'end', interim: this.#interim });
    if (!this.#interim) this.#ended++;
    this.#interim = false;
    this.#state = { name: 'head' };
  }
}
