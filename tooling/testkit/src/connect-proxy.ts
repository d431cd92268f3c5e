import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

/** One CONNECT the proxy received. Never a header value. */
export interface TunnelRecord {
  /** The CONNECT target as sent, `host:port`. */
  target: string;
  host: string;
  port: number;
  /** Whether a Proxy-Authorization header came with the CONNECT (its value is not kept). */
  hasProxyAuthorization: boolean;
  /** Whether the tunnel was opened (200) or refused (407, 502). */
  established: boolean;
  /** Bytes through the tunnel each way (opaque: TLS, or HTTP inside it). */
  bytesUp: number;
  bytesDown: number;
}

/** One request sent to the proxy in plain HTTP (absolute-form), not through a tunnel. */
export interface PlainRequestRecord {
  method: string;
  /** Origin and path of the absolute URL, without the query string. */
  url: string;
  /** Whether it carried an Authorization header: a key that travelled outside any tunnel. */
  hasAuthorization: boolean;
  hasProxyAuthorization: boolean;
}

export interface ConnectProxyOptions {
  /** Answer 407 to requests without a Proxy-Authorization header. Default false. */
  requireProxyAuth?: boolean;
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`, for HTTPS_PROXY / HTTP_PROXY. */
  readonly url: string;
  readonly port: number;
  tunnels(): TunnelRecord[];
  plainRequests(): PlainRequestRecord[];
  /** Whether any request with an Authorization header went through in plain HTTP, un-tunnelled. */
  sawPlainAuthorization(): boolean;
  clear(): void;
  close(): Promise<void>;
}

function splitTarget(target: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(target);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65_536 ? { host: match[1]!, port } : undefined;
}

/**
 * An HTTP proxy on 127.0.0.1 that tunnels CONNECT to the host:port asked for and forwards plain
 * absolute-form requests, recording what it saw, so a test can prove the key only travels inside a
 * tunnel to the ModelStream origin.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  let tunnels: TunnelRecord[] = [];
  let plain: PlainRequestRecord[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let url: URL | undefined;
    try {
      url = new URL(req.url ?? '');
    } catch {
      // origin-form: not a proxy request
    }
    plain.push({
      method: req.method ?? 'GET',
      url: url ? `${url.origin}${url.pathname}` : (req.url ?? '').split('?')[0]!,
      hasAuthorization: req.headers.authorization !== undefined,
      hasProxyAuthorization: req.headers['proxy-authorization'] !== undefined,
    });
    if (url?.protocol !== 'http:') {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('This proxy forwards absolute http:// URLs and CONNECT.\n');
      return;
    }
    if (options.requireProxyAuth && req.headers['proxy-authorization'] === undefined) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="testkit"' }).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const forward = request(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(forward);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    client.on('error', () => undefined);
    const target = req.url ?? '';
    const parts = splitTarget(target);
    const record: TunnelRecord = {
      target,
      host: parts?.host ?? '',
      port: parts?.port ?? 0,
      hasProxyAuthorization: req.headers['proxy-authorization'] !== undefined,
      established: false,
      bytesUp: 0,
      bytesDown: 0,
    };
    tunnels.push(record);
    if (options.requireProxyAuth && !record.hasProxyAuthorization) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="testkit"\r\n\r\n',
      );
      return;
    }
    if (!parts) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const upstream = connect(parts.port, parts.host);
    track(upstream);
    upstream.once('connect', () => {
      record.established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        record.bytesUp += head.length;
        upstream.write(head);
      }
      client.on('data', (chunk: Buffer) => {
        record.bytesUp += chunk.length;
      });
      upstream.on('data', (chunk: Buffer) => {
        record.bytesDown += chunk.length;
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => {
      if (!record.established) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
  });
  server.on('connection', track);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels: () => tunnels.map((t) => ({ ...t })),
    plainRequests: () => plain.map((p) => ({ ...p })),
    sawPlainAuthorization: () => plain.some((p) => p.hasAuthorization),
    clear: () => {
      tunnels = [];
      plain = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
