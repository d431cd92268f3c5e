import type { IncomingMessage, ServerResponse } from 'node:http';
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
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, answer: ErrorAnswer): void {
  sendJson(res, answer.status, { error: answer.error }, answer.headers);
}

/** Resolves when the socket can take more, or when it is gone (so a writer never waits forever). */
export function drained(res: ServerResponse): Promise<void> {
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
export async function writeWithBackpressure(res: ServerResponse, data: string): Promise<void> {
  if (res.destroyed) return;
  if (!res.write(data)) await drained(res);
}
