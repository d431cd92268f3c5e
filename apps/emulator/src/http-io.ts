import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { ErrorAnswer } from './api-error.js';

export class BodyTooLargeError extends Error {}

/** Reads the whole request body as text, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(`The request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  encoding?: 'gzip',
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  const data = encoding === 'gzip' ? gzipSync(text) : text;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(data),
    ...(encoding ? { 'content-encoding': encoding } : {}),
    ...headers,
  });
  res.end(data);
}

export function sendError(res: ServerResponse, answer: ErrorAnswer, encoding?: 'gzip'): void {
  sendJson(res, answer.status, { error: answer.error }, answer.headers, encoding);
}

/** Resolves when the socket can take more, or when it is gone (so a writer never waits forever). */
export function drained(res: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes and waits for the socket to drain when its buffer is full: a long stream stays small in memory. */
export async function writeWithBackpressure(res: Writable, data: string): Promise<void> {
  if (res.destroyed) return;
  if (!res.write(data)) await drained(res);
}
