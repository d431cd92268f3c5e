/** A whole body that an HTTP client has already read (a Buffer, a string, parsed JSON) as bytes. */
export function bytesOf(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
}

/** That body as the one-chunk async iterable a TransportResponse carries. */
export async function* singleChunkBody(body: unknown): AsyncGenerator<Uint8Array> {
  const bytes = bytesOf(body);
  if (bytes.byteLength > 0) yield bytes;
}
