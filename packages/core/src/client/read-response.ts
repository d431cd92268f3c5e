import { InvalidResponseError } from '../errors/response-errors.js';
import type { OpenResponse } from './send-once.js';

/** An error body is a few hundred bytes; past this, the rest is not read (a broken gateway can send GBs). */
export const ERROR_BODY_LIMIT = 64 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the body is over ${limit} bytes`);
  }
}

/**
 * The body as text, at most `limit` bytes: past it, reading stops with BodyTooLargeError (the transport
 * is not drained: it is released, and its connection dropped).
 */
export async function readLimited(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (bytes > limit) throw new BodyTooLargeError(limit);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * Reads a 2xx body as JSON, within `limit` bytes. A body that is not JSON, or too large, is an
 * InvalidResponseError (never retried: the request ran); a compressed body nobody asked for is named.
 */
export async function readJson(response: OpenResponse, limit: number): Promise<unknown> {
  let text: string;
  try {
    const header = response.headers['content-length'];
    const declared = header === undefined ? Number.NaN : Number(header);
    if (declared > limit) throw new BodyTooLargeError(limit);
    // The transport's fast whole-body read only when the length is known to fit.
    text =
      response.text && Number.isFinite(declared)
        ? await response.text()
        : await readLimited(response.body, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      response.release();
      throw new InvalidResponseError(
        `ModelStream answered ${response.status} with a body over ${megabytes(limit)} (the maxResponseBytes setting); it was not read, and the request was not sent again.`,
        { status: response.status, requestId: response.requestId },
      );
    }
    throw response.failure(error);
  }
  response.release();
  if (text.length > limit) {
    throw new InvalidResponseError(
      `ModelStream answered ${response.status} with a body over ${megabytes(limit)} (the maxResponseBytes setting); the request was not sent again.`,
      { status: response.status, requestId: response.requestId },
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    const encoding = response.headers['content-encoding']?.trim().toLowerCase();
    const compressed =
      encoding && encoding !== 'identity'
        ? ` It is compressed (content-encoding: ${encoding}) though the client did not ask for compression: a proxy or gateway in between compressed it.`
        : '';
    throw new InvalidResponseError(
      `ModelStream answered ${response.status} with a body that is not JSON (${text.length} bytes).${compressed} The request may have run, so it was not sent again.`,
      { status: response.status, requestId: response.requestId },
    );
  }
}
