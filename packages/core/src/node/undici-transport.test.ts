import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { readBodyText } from '../http/read-body.js';
import { TransportFailure } from '../http/transport.js';
import { createUndiciTransport } from './undici-transport.js';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const request = (url: string, overrides: object = {}) => ({
  method: 'POST' as const,
  url,
  headers: { 'content-type': 'application/json' },
  body: '{}',
  signal: new AbortController().signal,
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 1_000,
  bodyTimeoutMs: 1_000,
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<TransportFailure> {
  try {
    const response = (await promise) as { body: AsyncIterable<Uint8Array> };
    await readBodyText(response.body);
  } catch (error) {
    expect(error).toBeInstanceOf(TransportFailure);
    return error as TransportFailure;
  }
  throw new Error('expected a transport failure');
}

describe('the undici transport', () => {
  const transport = createUndiciTransport();

  it('returns status, lower-case headers and the body', async () => {
    const url = await serve((_, res) => res.writeHead(201, { 'X-Request-Id': 'req_9' }).end('hi'));
    const response = await transport(request(url));
    expect(response.status).toBe(201);
    expect(response.headers['x-request-id']).toBe('req_9');
    expect(await readBodyText(response.body)).toBe('hi');
  });

  it('tells the kinds of failure apart', async () => {
    const silent = await serve(() => {});
    expect((await failureOf(transport(request(silent, { headersTimeoutMs: 100 })))).kind).toBe(
      'headers-timeout',
    );

    const stalls = await serve((_, res) => res.writeHead(200).write('part'));
    expect((await failureOf(transport(request(stalls, { bodyTimeoutMs: 100 })))).kind).toBe('body-timeout');

    const drops = await serve((req) => req.socket.destroy());
    const dropped = await failureOf(transport(request(drops)));
    expect(dropped.kind).toBe('dropped');
    expect(dropped.requestMayHaveArrived).toBe(true);

    const refused = await failureOf(transport(request('http://127.0.0.1:1')));
    expect(refused.kind).toBe('connect');
    expect(refused.requestMayHaveArrived).toBe(false);

    const controller = new AbortController();
    const pending = transport(request(silent, { signal: controller.signal, headersTimeoutMs: 5_000 }));
    controller.abort();
    expect((await failureOf(pending)).kind).toBe('aborted');
  });
});
