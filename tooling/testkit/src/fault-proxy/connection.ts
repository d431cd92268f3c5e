import { connect, type Socket } from 'node:net';
import { HttpFramer, type Piece } from '../http-framer.js';
import type { ConnectionRecord, RequestRecord } from './records.js';
import { resetSocket } from './reset-socket.js';
import type { ConnectionRule, RuleQueue } from './rules.js';
import { type Shaper, shaperFor } from './shapers.js';
import { ClientWriter } from './writer.js';

export interface Target {
  host: string;
  port: number;
}

interface Exchange {
  record: RequestRecord;
  shaper: Shaper;
}

function pathOf(target: string): string {
  try {
    return new URL(target, 'http://proxy.invalid').pathname;
  } catch {
    return target.split('?')[0] ?? target;
  }
}

/** Wires one client connection to its own upstream connection, shaping each response by its request's rule. */
export function proxyConnection(options: {
  client: Socket;
  target: Target;
  rules: RuleQueue;
  record: ConnectionRecord;
  nextSeq: () => number;
  connectionRule: ConnectionRule | undefined;
}): void {
  const { client, target, rules, record } = options;
  client.setNoDelay(true);
  client.on('error', () => undefined);
  const exchanges: Exchange[] = [];
  const requests = new HttpFramer('request');
  const responses = new HttpFramer('response', (index) => exchanges[index]?.record.method);
  let answering = 0;

  const onRequestPieces = (pieces: Piece[], chunkLength: number) => {
    let counted = 0;
    for (const piece of pieces) {
      if (piece.type === 'head') {
        const { head } = piece;
        const path = pathOf(head.target!);
        const rule = options.connectionRule ? undefined : rules.take(head.method!, path);
        const request: RequestRecord = {
          seq: options.nextSeq(),
          connection: record.id,
          requestLine: head.startLine,
          method: head.method!,
          path,
          headerNames: head.headerNames,
          hasAuthorization: head.headerNames.includes('authorization'),
          bytesUp: 0,
          bytesDown: 0,
          delivered: false,
          ...(rule ? { action: rule.action } : {}),
        };
        record.requests.push(request);
        exchanges.push({ record: request, shaper: shaperFor(rule) });
      }
      if (piece.type !== 'end' && exchanges.length > 0) {
        exchanges.at(-1)!.record.bytesUp += piece.bytes.length;
        counted += piece.bytes.length;
      }
    }
    // Bytes between messages (stray CRLFs) belong to the last request.
    if (counted < chunkLength && exchanges.length > 0)
      exchanges.at(-1)!.record.bytesUp += chunkLength - counted;
  };

  const readRequests = (chunk: Buffer) => {
    record.bytesUp += chunk.length;
    if (record.opaque) return;
    try {
      onRequestPieces(requests.push(chunk), chunk.length);
    } catch {
      record.opaque = true;
    }
  };

  if (options.connectionRule) {
    record.ended = options.connectionRule.action;
    if (options.connectionRule.action === 'reset') {
      resetSocket(client);
      record.closed = true;
      return;
    }
    client.on('data', readRequests);
    client.on('close', () => {
      record.closed = true;
    });
    return;
  }

  const upstream = connect(target.port, target.host);
  upstream.setNoDelay(true);
  const writer = new ClientWriter(
    client,
    (high) => (high ? upstream.pause() : upstream.resume()),
    (how) => {
      record.ended = how;
      // A reset ends both sides; a stall holds upstream unread, as a stuck network would.
      if (how === 'reset') upstream.destroy();
      else upstream.pause();
    },
  );

  const writeResponsePieces = (pieces: Piece[]) => {
    for (const piece of pieces) {
      const exchange = exchanges[answering];
      if (!exchange) {
        if (piece.type !== 'end') writer.push([{ op: 'write', bytes: piece.bytes }], countDown);
        continue;
      }
      if (piece.type === 'head' && piece.head.status !== undefined && !(piece.head.status < 200)) {
        exchange.record.status = piece.head.status;
      }
      const ops = exchange.shaper.piece(piece);
      const { record: request } = exchange;
      writer.push(ops, (n) => {
        countDown(n);
        request.bytesDown += n;
      });
      if (piece.type === 'end' && !piece.interim) {
        const delivered = () => {
          request.delivered = true;
        };
        writer.push([{ op: 'mark', run: delivered }], () => undefined);
        answering++;
      }
    }
  };
  const countDown = (n: number) => {
    record.bytesDown += n;
  };

  client.on('data', (chunk: Buffer) => {
    readRequests(chunk);
    if (!upstream.write(chunk)) {
      client.pause();
      upstream.once('drain', () => client.resume());
    }
  });
  client.on('end', () => upstream.end());
  client.on('close', () => {
    record.closed = true;
    upstream.destroy();
  });
  upstream.on('data', (chunk: Buffer) => {
    if (writer.stopped) return;
    if (record.opaque) {
      writer.push([{ op: 'write', bytes: chunk }], countDown);
      return;
    }
    try {
      writeResponsePieces(responses.push(chunk));
    } catch {
      record.opaque = true;
      writer.push([{ op: 'write', bytes: chunk }], countDown);
    }
  });
  upstream.on('end', () => {
    if (writer.stopped) return;
    if (!record.opaque) writeResponsePieces(responses.finish());
    writer.end();
  });
  upstream.on('error', () => {
    if (!writer.stopped) client.destroy();
  });
}
