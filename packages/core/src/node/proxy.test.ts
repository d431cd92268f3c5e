import { type ConnectProxy, startConnectProxy } from '@modelstream-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client/create-client.js';
import { FAKE_KEY, useEmulator } from '../test-utils/emulator.js';
import { timerClock } from './timer-clock.js';
import { createNodeDispatcher, createUndiciTransport, proxyFromEnvironment } from './undici-transport.js';

const emulator = useEmulator();
let proxy: ConnectProxy;
beforeAll(async () => {
  proxy = await startConnectProxy();
});
afterAll(() => proxy.close());

function clientThrough(env: NodeJS.ProcessEnv) {
  const dispatcher = createNodeDispatcher(env);
  const client = createClient({
    transport: createUndiciTransport({ dispatcher }),
    clock: timerClock,
    apiKey: FAKE_KEY,
    baseUrl: emulator().url,
    poll: { initialMs: 25, maxMs: 100 },
  });
  return { client, close: () => dispatcher.close() };
}

describe('HTTPS_PROXY / HTTP_PROXY / NO_PROXY', () => {
  it('goes through the proxy in a CONNECT tunnel: the proxy never sees the key', async () => {
    proxy.clear();
    const { client, close } = clientThrough({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    try {
      const completion = await client.complete({ prompt: 'x [emulator:job-ms=100]' });
      expect(completion.text).toBeTruthy();
    } finally {
      await close();
    }
    const port = new URL(emulator().url).port;
    expect(proxy.tunnels().length).toBeGreaterThan(0);
    expect(proxy.tunnels().every((t) => t.target === `127.0.0.1:${port}` && t.established)).toBe(true);
    expect(proxy.plainRequests()).toEqual([]);
    expect(proxy.sawPlainAuthorization()).toBe(false);
    expect(
      emulator()
        .requests()
        .every((r) => r.hasKey),
    ).toBe(true);
  });

  it('NO_PROXY sends the origin directly', async () => {
    proxy.clear();
    const { client, close } = clientThrough({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    try {
      await client.complete({ prompt: 'x', background: false });
    } finally {
      await close();
    }
    expect(proxy.tunnels()).toEqual([]);
    expect(emulator().requests()).toHaveLength(1);
  });

  it('reads the proxy from either case of the variable, HTTPS_PROXY first', () => {
    expect(proxyFromEnvironment({ https_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2' })).toBe('http://a:1');
    expect(proxyFromEnvironment({ HTTP_PROXY: ' http://b:2 ' })).toBe('http://b:2');
    expect(proxyFromEnvironment({})).toBeUndefined();
  });
});
