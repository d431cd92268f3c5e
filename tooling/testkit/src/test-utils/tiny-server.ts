import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const JSON_BODY = '{"hello":"world","n":1}';
export const SSE_EVENTS = ['data: {"i":1}\n\n', 'data: {"i":2}\n\n', 'data: {"i":3}\n\n', 'data: [DONE]\n\n'];

export interface TinyServer {
  url: string;
  port: number;
  /** Whether each request carried an Authorization header, in order (the value is not kept). */
  seen: { method: string; path: string; hasAuthorization: boolean }[];
  close(): Promise<void>;
}

/** A tiny keep-alive server: `GET /json` (content-length), `GET /sse` (chunked, one write per event), `POST /echo`. */
export async function startTinyServer(): Promise<TinyServer> {
  const seen: TinyServer['seen'] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    seen.push({ method: req.method ?? '', path, hasAuthorization: req.headers.authorization !== undefined });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (path === '/json') {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(JSON_BODY),
        });
        res.end(JSON_BODY);
      } else if (path === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const event of SSE_EVENTS) res.write(event);
        res.end();
      } else if (path === '/echo') {
        const body = Buffer.concat(chunks);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
        res.end(body);
      } else {
        res.writeHead(404, { 'content-length': 0 }).end();
      }
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
