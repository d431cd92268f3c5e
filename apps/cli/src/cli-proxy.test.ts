import { type ConnectProxy, startConnectProxy } from '@modelstream-kit/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { completionPosts, useEmulator } from './test-utils/emulator.js';
import { baseEnv, FAKE_KEY, runCli } from './test-utils/run-cli.js';

const emulator = useEmulator();
let proxy: ConnectProxy;
beforeAll(async () => {
  proxy = await startConnectProxy();
});
afterEach(() => proxy.clear());
afterAll(() => proxy.close());

describe('modelstream behind a proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY)', () => {
  it('goes through a CONNECT tunnel to the ModelStream origin only: the proxy never sees the key', async () => {
    const run = await runCli(['ask', 'through the proxy'], {
      env: { ...baseEnv(emulator().url), HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('through the proxy');
    const port = new URL(emulator().url).port;
    expect(proxy.tunnels().length).toBeGreaterThan(0);
    for (const tunnel of proxy.tunnels()) {
      expect(tunnel).toMatchObject({
        target: `127.0.0.1:${port}`,
        established: true,
        hasProxyAuthorization: false,
      });
    }
    expect(proxy.plainRequests()).toEqual([]);
    expect(proxy.sawPlainAuthorization()).toBe(false);
    expect(JSON.stringify([proxy.tunnels(), proxy.plainRequests()])).not.toContain(FAKE_KEY);
    // Inside the tunnel, every request reached the origin with its key: one POST, then polls.
    expect(emulator().requests().length).toBeGreaterThan(1);
    expect(
      emulator()
        .requests()
        .every((r) => r.hasKey),
    ).toBe(true);
    expect(completionPosts(emulator())).toHaveLength(1);
  });

  it('honours NO_PROXY: the origin is called directly', async () => {
    const run = await runCli(['ask', 'direct'], {
      env: {
        ...baseEnv(emulator().url),
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        NO_PROXY: '127.0.0.1',
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.tunnels()).toEqual([]);
    expect(proxy.plainRequests()).toEqual([]);
    expect(completionPosts(emulator())).toHaveLength(1);
  });

  // The emulator is plain http on loopback, so the variable for http URLs is the one that applies.
  it('lowercase http_proxy works too, and doctor names the proxy in use', async () => {
    const run = await runCli(['doctor', '--base-url', emulator().url], {
      env: { ...baseEnv(), http_proxy: proxy.url },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`proxy: .*127\\.0\\.0\\.1:${proxy.port}`));
    expect(proxy.tunnels().length).toBeGreaterThan(0);
    expect(proxy.sawPlainAuthorization()).toBe(false);
  });
});
