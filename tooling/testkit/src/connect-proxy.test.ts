import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { ProxyAgent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectProxy, startConnectProxy } from './index.js';
import { JSON_BODY, startTinyServer, type TinyServer } from './test-utils/tiny-server.js';

const SECRET = 'sk-test-not-a-real-key-connect';
let server: TinyServer;
let proxy: ConnectProxy;
const agents: ProxyAgent[] = [];

beforeAll(async () => {
  server = await startTinyServer();
  proxy = await startConnectProxy();
});
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  proxy.clear();
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

/** Opens a CONNECT tunnel by hand; resolves to the status line's code and the socket. */
function tunnel(
  via: ConnectProxy,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: via.port, method: 'CONNECT', path: target, headers });
    req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
    req.on('error', reject);
    req.end();
  });
}

/** Sends one HTTP/1.1 request over an open socket and reads until the server closes. */
function overSocket(socket: Socket, head: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(text));
    socket.write(head);
  });
}

describe('startConnectProxy', () => {
  it('tunnels CONNECT to the host:port asked for, recording the target, never a header value', async () => {
    const { status, socket } = await tunnel(proxy, `127.0.0.1:${server.port}`);
    expect(status).toBe(200);
    const answer = await overSocket(
      socket,
      `GET /json HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${SECRET}\r\nconnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer.endsWith(JSON_BODY)).toBe(true);
    expect(proxy.tunnels()).toEqual([
      expect.objectContaining({
        target: `127.0.0.1:${server.port}`,
        host: '127.0.0.1',
        port: server.port,
        hasProxyAuthorization: false,
        established: true,
      }),
    ]);
    const [record] = proxy.tunnels();
    expect(record!.bytesUp).toBeGreaterThan(SECRET.length);
    expect(record!.bytesDown).toBe(Buffer.byteLength(answer));
    expect(proxy.plainRequests()).toEqual([]);
    expect(proxy.sawPlainAuthorization()).toBe(false);
    expect(JSON.stringify(proxy.tunnels())).not.toContain(SECRET);
  });

  it('tells a tunnelled client from one that sends its key in plain HTTP through the proxy', async () => {
    const tunnelled = new ProxyAgent({ uri: proxy.url });
    const plain = new ProxyAgent({ uri: proxy.url, proxyTunnel: false });
    agents.push(tunnelled, plain);
    const headers = { authorization: `Bearer ${SECRET}` };
    const first = await request(`${server.url}/json`, { headers, dispatcher: tunnelled });
    expect(await first.body.text()).toBe(JSON_BODY);
    expect(proxy.tunnels()).toHaveLength(1);
    expect(proxy.sawPlainAuthorization()).toBe(false);

    const second = await request(`${server.url}/json?key=1`, { headers, dispatcher: plain });
    expect(await second.body.text()).toBe(JSON_BODY);
    expect(proxy.plainRequests()).toEqual([
      { method: 'GET', url: `${server.url}/json`, hasAuthorization: true, hasProxyAuthorization: false },
    ]);
    expect(proxy.sawPlainAuthorization()).toBe(true);
    expect(server.seen.at(-1)).toMatchObject({ path: '/json', hasAuthorization: true });
  });

  it('asks for proxy credentials when told to, and records that they came', async () => {
    const strict = await startConnectProxy({ requireProxyAuth: true });
    try {
      expect((await tunnel(strict, `127.0.0.1:${server.port}`)).status).toBe(407);
      const allowed = await tunnel(strict, `127.0.0.1:${server.port}`, {
        'proxy-authorization': `Basic ${Buffer.from('user:pass').toString('base64')}`,
      });
      expect(allowed.status).toBe(200);
      allowed.socket.destroy();
      expect(strict.tunnels().map((t) => [t.hasProxyAuthorization, t.established])).toEqual([
        [false, false],
        [true, true],
      ]);
      expect(JSON.stringify(strict.tunnels())).not.toContain(Buffer.from('user:pass').toString('base64'));
    } finally {
      await strict.close();
    }
  });

  it('answers 502 when the target cannot be reached, and 400 to a target without a port', async () => {
    const closed = await startTinyServer();
    await closed.close();
    expect((await tunnel(proxy, `127.0.0.1:${closed.port}`)).status).toBe(502);
    expect((await tunnel(proxy, 'no-port-here')).status).toBe(400);
    expect(proxy.tunnels().map((t) => t.established)).toEqual([false, false]);
  });
});
