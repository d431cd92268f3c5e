import { redactSecrets } from '@modelstream-kit/core';

export type GitHubMethod = 'GET' | 'POST' | 'PATCH';

export class GitHubApiError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'GitHubApiError';
    this.status = status;
  }
}

export interface GitHubClientOptions {
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  apiUrl: string;
  token: string | undefined;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Most pages followed by `paginate`. Default 100 (10,000 items at 100 a page). */
  maxPages?: number;
  signal?: AbortSignal;
}

export interface GitHubClient {
  /** `timeoutMs` overrides the client's per-request timeout (a comment edit during a cancel). */
  request<T>(method: GitHubMethod, path: string, body?: unknown, call?: { timeoutMs?: number }): Promise<T>;
  /** Every page of a list, following `Link: rel="next"`. */
  paginate<T>(path: string): Promise<T[]>;
}

const RETRY_STATUSES = new Set([500, 502, 503, 504]);
const MAX_ATTEMPTS = 3;

/** The `rel="next"` URL of a Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * A small REST client on Node's fetch: what the action needs is four endpoints and pagination, so
 * Octokit's weight is not worth bundling. Retries 5xx and rate limits with a short, bounded wait.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const base = options.apiUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'modelstream-kit-github-action',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const secrets = [options.token];

  async function send(
    method: GitHubMethod,
    url: string,
    body?: unknown,
    timeoutMs = options.timeoutMs ?? 30_000,
  ): Promise<Response> {
    const shown = `${method} ${url.startsWith(base) ? url.slice(base.length) : url}`;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        const signals = [AbortSignal.timeout(timeoutMs)];
        if (options.signal) signals.push(options.signal);
        response = await doFetch(url, {
          method,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.any(signals),
        });
      } catch (error) {
        const reason = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
        if (method === 'GET' && attempt < MAX_ATTEMPTS && !options.signal?.aborted) {
          await sleep(1_000 * attempt);
          continue;
        }
        throw new GitHubApiError(`GitHub API ${shown} failed: ${reason}`);
      }
      if (response.ok) return response;
      const text = await response.text().catch(() => '');
      const retryAfter = Number(response.headers.get('retry-after'));
      const rateLimited =
        (response.status === 403 || response.status === 429) &&
        (response.headers.get('x-ratelimit-remaining') === '0' ||
          (Number.isFinite(retryAfter) && retryAfter > 0));
      const retryable =
        RETRY_STATUSES.has(response.status) || (rateLimited && retryAfter > 0 && retryAfter <= 60);
      if (retryable && attempt < MAX_ATTEMPTS && (method === 'GET' || response.status !== 500)) {
        await sleep(retryAfter > 0 ? retryAfter * 1_000 : 1_000 * attempt);
        continue;
      }
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {}
      const hint =
        response.status === 403 || response.status === 404
          ? ' (check the workflow’s `permissions:` — the action needs `pull-requests: write` and `contents: read`)'
          : '';
      throw new GitHubApiError(
        `GitHub API ${shown} answered ${response.status}: ${redactSecrets(message, secrets)}${hint}`,
        response.status,
      );
    }
  }

  const urlOf = (path: string) => (path.startsWith('http') ? path : `${base}${path}`);

  return {
    async request<T>(method: GitHubMethod, path: string, body?: unknown, call?: { timeoutMs?: number }) {
      const response = await send(method, urlOf(path), body, call?.timeoutMs ?? options.timeoutMs);
      return (await response.json()) as T;
    },
    async paginate<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let url: string | undefined = urlOf(path);
      for (let page = 0; url && page < (options.maxPages ?? 100); page++) {
        const response = await send('GET', url);
        const data = (await response.json()) as T[];
        items.push(...data);
        url = nextLink(response.headers.get('link'));
      }
      return items;
    },
  };
}
