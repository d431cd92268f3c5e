import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startConnectProxy } from '@modelstream-kit/testkit';
import { describe, expect, it } from 'vitest';
import { fetchForEnvironment } from './proxied-fetch.js';
import { createGitHubClient } from './rest-client.js';

describe('the GitHub API behind HTTPS_PROXY', () => {
  it('goes through the proxy in a CONNECT tunnel (the token never in plain sight), or direct without one', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const proxy = await startConnectProxy();
    try {
      const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url };
      const proxied = fetchForEnvironment(env);
      const gh = createGitHubClient({ apiUrl, token: 'ghs_secret_token', fetch: proxied.fetch });
      expect(await gh.request('GET', '/repos/o/r/pulls/1')).toEqual({ ok: true });
      await proxied.close();
      expect(proxy.tunnels().map((t) => [t.target, t.established])).toEqual([
        [apiUrl.slice('http://'.length), true],
      ]);
      expect(proxy.plainRequests()).toEqual([]);
      expect(seen).toEqual(['Bearer ghs_secret_token']);

      proxy.clear();
      expect(fetchForEnvironment({}).fetch).toBe(fetch);
      const direct = createGitHubClient({ apiUrl, token: 't', fetch: fetchForEnvironment({}).fetch });
      await direct.request('GET', '/x');
      expect(proxy.tunnels()).toEqual([]);
    } finally {
      await proxy.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
