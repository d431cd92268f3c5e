import { describe, expect, it } from 'vitest';
import { HttpFramer, type Piece } from './http-framer.js';

const RESPONSES = [
  'HTTP/1.1 100 Continue\r\n\r\n',
  'HTTP/1.1 200 OK\r\ncontent-length: 5\r\nx-request-id: abc\r\n\r\nhello',
  'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\ndat\r\nb;ext=1\r\na: {"x":1}\n\r\n0\r\ntrailer: t\r\n\r\n',
  'HTTP/1.1 204 No Content\r\n\r\n',
  'HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\n', // answers a HEAD: no body though a length
  'HTTP/1.1 502 Bad Gateway\r\n\r\nuntil the end',
].join('');

/** Feeds the bytes in pieces of `size` and folds adjacent pieces of one kind together again. */
function frame(framer: HttpFramer, bytes: string, size: number, finish = false): Piece[] {
  const raw = Buffer.from(bytes, 'latin1');
  const out: Piece[] = [];
  for (let i = 0; i < raw.length; i += size) out.push(...framer.push(raw.subarray(i, i + size)));
  if (finish) out.push(...framer.finish());
  const merged: Piece[] = [];
  for (const piece of out) {
    const last = merged.at(-1);
    if (last && last.type === piece.type && (piece.type === 'body' || piece.type === 'framing')) {
      (last as { bytes: Buffer }).bytes = Buffer.concat([(last as { bytes: Buffer }).bytes, piece.bytes]);
    } else merged.push({ ...piece });
  }
  return merged;
}

const describePieces = (pieces: Piece[]) =>
  pieces.map((p) =>
    p.type === 'head'
      ? `head ${p.head.status ?? p.head.method} ${p.head.headerNames.join(',')}`
      : p.type === 'end'
        ? `end${p.interim ? ' interim' : ''}`
        : `${p.type} ${JSON.stringify(p.bytes.toString('latin1'))}`,
  );

describe('HttpFramer', () => {
  it.each([1, 2, 3, 7, 64, 10_000])('frames keep-alive responses fed %i bytes at a time', (size) => {
    const methods = ['POST', 'GET', 'GET', 'HEAD', 'GET'];
    const framer = new HttpFramer('response', (index) => methods[index]);
    const pieces = frame(framer, RESPONSES, size, true);
    expect(describePieces(pieces)).toEqual([
      'head 100 ',
      'end interim',
      'head 200 content-length,x-request-id',
      'body "hello"',
      'end',
      'head 200 transfer-encoding',
      'framing "3\\r\\n"',
      'body "dat"',
      'framing "\\r\\nb;ext=1\\r\\n"',
      'body "a: {\\"x\\":1}\\n"',
      'framing "\\r\\n0\\r\\ntrailer: t\\r\\n\\r\\n"',
      'end',
      'head 204 ',
      'end',
      'head 200 content-length',
      'end',
      'head 502 ',
      'body "until the end"',
      'end',
    ]);
    expect(Buffer.concat(pieces.flatMap((p) => ('bytes' in p ? [p.bytes] : []))).toString('latin1')).toBe(
      RESPONSES,
    );
  });

  it('frames requests: method, target and header names, never a header value', () => {
    const framer = new HttpFramer('request');
    const pieces = frame(
      framer,
      'POST /v1/chat/completions HTTP/1.1\r\nauthorization: Bearer sk-secret\r\ncontent-length: 2\r\n\r\n{}' +
        'GET /v1/responses/resp_1 HTTP/1.1\r\nhost: x\r\n\r\n',
      5,
    );
    const heads = pieces.flatMap((p) => (p.type === 'head' ? [p.head] : []));
    expect(heads).toEqual([
      {
        startLine: 'POST /v1/chat/completions HTTP/1.1',
        method: 'POST',
        target: '/v1/chat/completions',
        headerNames: ['authorization', 'content-length'],
      },
      {
        startLine: 'GET /v1/responses/resp_1 HTTP/1.1',
        method: 'GET',
        target: '/v1/responses/resp_1',
        headerNames: ['host'],
      },
    ]);
    expect(JSON.stringify(heads)).not.toContain('sk-secret');
    expect(pieces.filter((p) => p.type === 'end')).toHaveLength(2);
  });

  it('refuses bytes that are not HTTP/1.x', () => {
    expect(() => new HttpFramer('request').push(Buffer.from('\x16\x03\x01 hello\r\n\r\n'))).toThrow(
      /not an HTTP\/1.x request line/,
    );
    expect(() => new HttpFramer('response').push(Buffer.from('HTTP/1.1 200 OK\r\nbroken\r\n\r\n'))).toThrow(
      /not an HTTP header line/,
    );
  });
});
