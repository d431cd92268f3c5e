import { describe, expect, it } from 'vitest';
import { createGitHubClient, nextLink } from './rest-client.js';

type Handler = (url: string, init: RequestInit) => Response;
function fakeFetch(handler: Handler) {
  const seen: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string | URL, init: RequestInit = {}) => {
    seen.push({ url: String(url), init });
    return handler(String(url), init);
  }) as typeof fetch;
  return { f, seen };
}

describe('GitHub REST client', () => {
  it('parses Link headers', () => {
    expect(nextLink('<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"')).toBe(
      'https://x/a?page=2',
    );
    expect(nextLink('<https://x/a?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('follows every page and sends the token only as a header', async () => {
    const { f, seen } = fakeFetch((url) => {
      const page = Number(new URL(url).searchParams.get('page') ?? '1');
      const headers =
        page < 3 ? { link: `<https://api.test/items?per_page=2&page=${page + 1}>; rel="next"` } : undefined;
      return Response.json([page * 10, page * 10 + 1], { headers });
    });
    const gh = createGitHubClient({ apiUrl: 'https://api.test/', token: 'ghs_test_token', fetch: f });
    expect(await gh.paginate<number>('/items?per_page=2')).toEqual([10, 11, 20, 21, 30, 31]);
    expect(seen.map((s) => s.url)).toEqual([
      'https://api.test/items?per_page=2',
      'https://api.test/items?per_page=2&page=2',
      'https://api.test/items?per_page=2&page=3',
    ]);
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer ghs_test_token');
  });

  it('retries a 502 on GET, then names the endpoint, status and permission hint on a 403', async () => {
    let calls = 0;
    const { f } = fakeFetch(() =>
      ++calls === 1 ? new Response('bad gateway', { status: 502 }) : Response.json({ ok: 1 }),
    );
    const gh = createGitHubClient({
      apiUrl: 'https://api.test',
      token: 't',
      fetch: f,
      sleep: async () => {},
    });
    expect(await gh.request('GET', '/x')).toEqual({ ok: 1 });
    expect(calls).toBe(2);

    const denied = fakeFetch(() =>
      Response.json({ message: 'Resource not accessible by integration' }, { status: 403 }),
    );
    const gh2 = createGitHubClient({
      apiUrl: 'https://api.test',
      token: 'ghs_secret_abc',
      fetch: denied.f,
      sleep: async () => {},
    });
    await expect(gh2.request('POST', '/repos/o/r/issues/1/comments', { body: 'x' })).rejects.toThrow(
      /^GitHub API POST \/repos\/o\/r\/issues\/1\/comments answered 403: Resource not accessible by integration \(check the workflow’s `permissions:`/,
    );
    expect(denied.seen).toHaveLength(1); // a POST is not repeated
  });
});
