import { FAKE_KEY, posts, useEmulator } from '@modelstream-kit/emulator/vitest';
import { type ConnectProxy, startConnectProxy } from '@modelstream-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './test-utils/run-in-process.js';

// Issue 10: corporate runners reach ModelStream through HTTPS_PROXY; the key must only travel inside
// the CONNECT tunnel to the ModelStream origin, never in plain sight of the proxy.
const emulator = useEmulator({ jobDurationMs: 150 });
let proxy: ConnectProxy;
beforeAll(async () => {
  proxy = await startConnectProxy();
});
afterAll(() => proxy.close());

const ask = (env: NodeJS.ProcessEnv) =>
  runInProcess({
    env,
    inputs: {
      'api-key': FAKE_KEY,
      'base-url': emulator().url,
      mode: 'prompt',
      prompt: 'Say hello.',
      background: 'true',
      'timeout-minutes': '1',
    },
  });

describe('HTTPS_PROXY / NO_PROXY in the action', () => {
  it('every ModelStream request goes through a CONNECT tunnel to the ModelStream origin; the proxy never sees the key', async () => {
    proxy.clear();
    const result = await ask({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.text).toContain('[ModelStream emulator]');
    const origin = `127.0.0.1:${new URL(emulator().url).port}`;
    expect(proxy.tunnels().length).toBeGreaterThan(0);
    expect(proxy.tunnels().every((t) => t.target === origin && t.established)).toBe(true);
    expect(proxy.plainRequests()).toEqual([]);
    expect(proxy.sawPlainAuthorization()).toBe(false);
    // The job's start and its polls all arrived, each with the key, through the tunnel.
    expect(posts(emulator())).toHaveLength(1);
    expect(emulator().requests().length).toBeGreaterThan(1);
    expect(
      emulator()
        .requests()
        .every((r) => r.hasKey),
    ).toBe(true);
    const shown = result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain(FAKE_KEY.slice(3));
  });

  it('NO_PROXY naming the origin goes direct', async () => {
    proxy.clear();
    const result = await ask({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(proxy.tunnels()).toEqual([]);
    expect(posts(emulator())).toHaveLength(1);
  });
});
