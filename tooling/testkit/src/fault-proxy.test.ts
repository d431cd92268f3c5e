import { connect } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from './index.js';
import { JSON_BODY, SSE_EVENTS, startTinyServer, type TinyServer } from './test-utils/tiny-server.js';

const SECRET = 'sk-test-not-a-real-key-proxy';
let server: TinyServer;
let proxy: FaultProxy;
// One connection, kept alive: requests follow each other on it, as a client's polls do.
let agent: Agent;

beforeAll(async () => {
  server = await startTinyServer();
  proxy = await startFaultProxy({ target: server.url });
});
afterEach(async () => {
  await agent?.destroy();
  proxy.clear();
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

function client(options: { headersTimeout?: number; bodyTimeout?: number } = {}) {
  agent = new Agent({ connections: 1, ...options });
  return agent;
}

/** Sends one request through the proxy; reads the body to its end or to its error. */
async function call(path: string, init: { method?: 'GET' | 'POST'; body?: string } = {}) {
  const res = await request(`${proxy.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${SECRET}` },
    ...(init.body !== undefined ? { body: init.body } : {}),
    dispatcher: agent ?? client(),
  });
  const chunks: Buffer[] = [];
  let error: (Error & { code?: string }) | undefined;
  try {
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
  } catch (e) {
    error = e as Error;
  }
  return {
    status: res.statusCode,
    headers: res.headers,
    body: Buffer.concat(chunks).toString('latin1'),
    error,
  };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error & { code?: string }) => e,
  );

describe('startFaultProxy', () => {
  it('passes requests through and records what went over the wire, never a header value', async () => {
    client();
    const json = await call('/json?x=1');
    const echoed = await call('/echo', { method: 'POST', body: 'ping' });
    expect(json).toMatchObject({ status: 200, body: JSON_BODY });
    expect(echoed.body).toBe('ping');
    const [connection, ...others] = proxy.connections();
    expect(others).toEqual([]);
    expect(connection!.requests).toEqual([
      expect.objectContaining({
        seq: 1,
        connection: 1,
        requestLine: 'GET /json?x=1 HTTP/1.1',
        method: 'GET',
        path: '/json',
        hasAuthorization: true,
        status: 200,
        delivered: true,
      }),
      expect.objectContaining({ seq: 2, method: 'POST', path: '/echo', status: 200, delivered: true }),
    ]);
    expect(connection!.requests[0]!.headerNames).toContain('authorization');
    const [first, second] = connection!.requests;
    expect(first!.bytesDown).toBeGreaterThan(JSON_BODY.length);
    expect(second!.bytesUp).toBeGreaterThan(4);
    expect(connection!.bytesUp).toBe(first!.bytesUp + second!.bytesUp);
    expect(connection!.bytesDown).toBe(first!.bytesDown + second!.bytesDown);
    expect(JSON.stringify(proxy.connections())).not.toContain(SECRET);
    expect(proxy.requests().map((r) => r.seq)).toEqual([1, 2]);
  });

  it('resets the 2nd matching request on a kept-alive connection after N bytes of its response', async () => {
    client();
    proxy.enqueue({ match: { method: 'GET', path: '/json', nth: 2 }, action: 'reset', afterBytes: 10 });
    expect((await call('/json')).body).toBe(JSON_BODY);
    await call('/echo', { method: 'POST', body: 'x' });
    const error = await failure(call('/json'));
    expect(error?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    const requests = proxy.requests();
    expect(requests.map((r) => r.connection)).toEqual([1, 1, 1]);
    expect(requests[2]).toMatchObject({ action: 'reset', bytesDown: 10, delivered: false });
    expect(proxy.connections()[0]).toMatchObject({ ended: 'reset' });
    expect(proxy.pending().requests).toEqual([]);
  });

  it('resets before any byte when no point is given', async () => {
    client();
    proxy.enqueue({ action: 'reset' });
    const error = await failure(call('/json'));
    expect(error?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect(proxy.requests()[0]).toMatchObject({ bytesDown: 0, action: 'reset' });
  });

  it('resets after N bytes of the body, the head and chunk framing through', async () => {
    client();
    proxy.enqueue({ action: 'reset', afterBodyBytes: 20 });
    const res = await call('/sse');
    expect(res.status).toBe(200);
    expect(res.error?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect(res.body).toBe(SSE_EVENTS.join('').slice(0, 20));
  });

  it('stalls after N body bytes: the bytes come, then nothing, with the connection open', async () => {
    client({ bodyTimeout: 300 });
    proxy.enqueue({ action: 'stall', afterBodyBytes: 5 });
    const res = await call('/json');
    expect(res.status).toBe(200);
    expect(res.body).toBe(JSON_BODY.slice(0, 5));
    expect(res.error?.code).toBe('UND_ERR_BODY_TIMEOUT');
    expect(proxy.connections()[0]).toMatchObject({ ended: 'stall' });
  });

  it('stalls before the headers when no point is given', async () => {
    client({ headersTimeout: 300 });
    proxy.enqueue({ action: 'stall' });
    expect((await failure(call('/json')))?.code).toBe('UND_ERR_HEADERS_TIMEOUT');
  });

  it('splits a response into writes of 1-3 bytes that arrive whole and in order', async () => {
    client();
    proxy.enqueue({ action: 'split' }, { action: 'split', maxBytes: 2, pauseMs: 1 });
    expect(await call('/sse')).toMatchObject({ status: 200, body: SSE_EVENTS.join('') });
    expect(await call('/json')).toMatchObject({ status: 200, body: JSON_BODY });
    expect(proxy.requests().map((r) => [r.action, r.delivered])).toEqual([
      ['split', true],
      ['split', true],
    ]);
  });

  it('splits so that a raw reader sees the response in many small reads', async () => {
    const reads: number[] = [];
    proxy.enqueue({ action: 'split', pauseMs: 1 });
    await new Promise<void>((resolve, reject) => {
      const socket = connect(proxy.port, '127.0.0.1', () => {
        socket.write('GET /json HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
      });
      socket.on('data', (chunk) => reads.push(chunk.length));
      socket.on('end', resolve);
      socket.on('error', reject);
    });
    expect(reads.length).toBeGreaterThan(10);
    expect(Math.min(...reads)).toBeLessThanOrEqual(3);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(proxy.requests()[0]!.bytesDown);
  });

  it('corrupts the Nth SSE data line in place, and the end of a JSON body', async () => {
    client();
    proxy.enqueue({ action: 'corrupt', dataLine: 2 }, { action: 'corrupt', bytes: '@@' });
    const sse = await call('/sse');
    const events = [...SSE_EVENTS];
    events[1] = 'data: {"i":2#\n\n';
    expect(sse.body).toBe(events.join(''));
    const json = await call('/json');
    expect(json.headers['content-length']).toBe(String(JSON_BODY.length));
    expect(json.body).toBe(`${JSON_BODY.slice(0, -2)}@@`);
    expect(() => JSON.parse(json.body)).toThrow();
  });

  it('delays the response headers', async () => {
    client();
    proxy.enqueue({ action: 'delay-headers', ms: 150 });
    const started = performance.now();
    expect((await call('/json')).body).toBe(JSON_BODY);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('resets or stalls a whole connection on accept', async () => {
    const reached = server.seen.length;
    proxy.enqueueConnection({ action: 'reset' }, { action: 'stall' });
    client();
    expect((await failure(call('/json')))?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    await agent.destroy();
    client({ headersTimeout: 300 });
    expect((await failure(call('/json')))?.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    const [reset, stalled] = proxy.connections();
    expect(reset).toMatchObject({ id: 1, ended: 'reset', bytesDown: 0 });
    expect(stalled).toMatchObject({ id: 2, ended: 'stall', bytesDown: 0 });
    expect(stalled!.requests[0]).toMatchObject({ method: 'GET', path: '/json' });
    expect(server.seen.length).toBe(reached);
  });

  it('forwards bytes that are not HTTP as they come, applying no rule', async () => {
    proxy.enqueue({ action: 'reset' });
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(proxy.port, '127.0.0.1', () => socket.write('\x16\x03\x01 not http\r\n\r\n'));
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(proxy.connections()[0]).toMatchObject({ opaque: true });
    expect(proxy.pending().requests).toHaveLength(1);
  });

  it('hands over the records of closed connections and forgets them, keeping open ones and pending rules', async () => {
    client();
    await call('/json');
    await agent.destroy();
    client();
    await call('/json');
    proxy.enqueue({ match: { path: '/never' }, action: 'reset' });
    // The first agent's connection closes once destroyed; poll a bounded number of turns for it.
    for (let i = 0; i < 1_000 && !proxy.connections()[0]?.closed; i++) await new Promise(setImmediate);
    const taken = proxy.takeClosed();
    expect(taken.map((c) => c.id)).toEqual([1]);
    expect(taken[0]!.requests).toHaveLength(1);
    expect(proxy.connections().map((c) => [c.id, c.closed])).toEqual([[2, false]]);
    expect(proxy.takeClosed()).toEqual([]);
    expect(proxy.pending().requests).toHaveLength(1);
  });

  it('refuses a target that is not http://', async () => {
    await expect(startFaultProxy({ target: 'https://api.example' })).rejects.toThrow(
      'target: "https://api.example" is not allowed; use an http:// URL',
    );
  });
});
