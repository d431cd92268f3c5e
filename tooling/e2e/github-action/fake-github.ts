import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A changed file as the REST API lists it (`GET /repos/{o}/{r}/pulls/{n}/files`). */
export interface FakeFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: 'Bot' | 'User' };
  author_association: string;
  created_at: string;
  updated_at: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string | null;
  user: { login: string };
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  files: FakeFile[];
  comments: FakeComment[];
  /** What `GET /compare/{base}...{head}` answers, keyed by `base...head` (404 when missing). */
  compare?: Record<string, FakeFile[]>;
}

export interface FakeRequest {
  method: string;
  path: string;
  status: number;
  /** Whether the expected token was sent (the token itself is never kept). */
  authorized: boolean;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  /** The token the workflow would have; requests without it get 401. */
  token?: string;
  /** Most items per page whatever `per_page` asks (GitHub's own cap is 100), to force pagination. */
  maxPerPage?: number;
}

export interface FakeGitHub {
  /** GITHUB_API_URL for the action. */
  url: string;
  owner: string;
  repo: string;
  token: string;
  pulls: Map<number, FakePull>;
  /** Adds a pull request (and returns it for tweaking). */
  addPull(pull: Partial<FakePull> & { number: number }): FakePull;
  /** Every request since start (or the last `clearRequests`). */
  requests(): FakeRequest[];
  clearRequests(): void;
  /** Every body a comment has had, oldest first (to see "in progress" then the answer). */
  history(commentId: number): string[];
  close(): Promise<void>;
}

const FILES_CAP = 3_000;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/**
 * A local stand-in for the GitHub REST endpoints the action uses: a pull request, its files and its
 * conversation comments (list, create, update), paginated with `Link` headers like the real API. Binds
 * to 127.0.0.1 on a free port.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'octo-repo';
  const token = options.token ?? 'ghs_fake_workflow_token';
  const maxPerPage = options.maxPerPage ?? 100;
  const pulls = new Map<number, FakePull>();
  const log: FakeRequest[] = [];
  const histories = new Map<number, string[]>();
  let nextCommentId = 5_000;
  let baseUrl = '';

  function page<T>(req: IncomingMessage, res: ServerResponse, url: URL, items: readonly T[]): void {
    const perPage = Math.min(maxPerPage, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const pageNo = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const u = new URL(url.pathname + url.search, baseUrl);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(n));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (pageNo < last) links.push(link(pageNo + 1, 'next'), link(last, 'last'));
    if (pageNo > 1) links.push(link(1, 'first'), link(pageNo - 1, 'prev'));
    send(
      res,
      200,
      items.slice((pageNo - 1) * perPage, pageNo * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
    void req;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const authorized = req.headers.authorization === `Bearer ${token}`;
    const record = (status: number) =>
      log.push({ method, path: url.pathname + url.search, status, authorized });
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      record(status);
      send(res, status, body, headers);
    };
    if (!authorized) return reply(401, { message: 'Bad credentials' });
    const prefix = `/repos/${owner}/${repo}`;
    if (!url.pathname.startsWith(prefix)) return reply(404, { message: 'Not Found' });
    const rest = url.pathname.slice(prefix.length);
    try {
      let m = /^\/pulls\/(\d+)$/.exec(rest);
      if (m && method === 'GET') {
        const pr = pulls.get(Number(m[1]));
        if (!pr) return reply(404, { message: 'Not Found' });
        return reply(200, {
          number: pr.number,
          title: pr.title,
          body: pr.body,
          user: pr.user,
          html_url: `https://github.test/${owner}/${repo}/pull/${pr.number}`,
          base: pr.base,
          head: pr.head,
          changed_files: pr.files.length,
          state: 'open',
        });
      }
      m = /^\/compare\/([0-9a-f]+\.\.\.[0-9a-f]+)$/.exec(rest);
      if (m && method === 'GET') {
        const files = [...pulls.values()].map((p) => p.compare?.[m![1]!]).find(Boolean);
        if (!files) return reply(404, { message: 'Not Found' });
        return reply(200, { status: 'ahead', files });
      }
      m = /^\/pulls\/(\d+)\/files$/.exec(rest);
      if (m && method === 'GET') {
        const pr = pulls.get(Number(m[1]));
        if (!pr) return reply(404, { message: 'Not Found' });
        record(200);
        return page(req, res, url, pr.files.slice(0, FILES_CAP));
      }
      m = /^\/issues\/(\d+)\/comments$/.exec(rest);
      if (m) {
        const pr = pulls.get(Number(m[1]));
        if (!pr) return reply(404, { message: 'Not Found' });
        if (method === 'GET') {
          record(200);
          return page(req, res, url, pr.comments);
        }
        if (method === 'POST') {
          const { body } = (await readBody(req)) as { body: string };
          const id = nextCommentId++;
          const now = new Date().toISOString();
          const comment: FakeComment = {
            id,
            body,
            html_url: `https://github.test/${owner}/${repo}/pull/${pr.number}#issuecomment-${id}`,
            user: { login: 'github-actions[bot]', type: 'Bot' },
            author_association: 'NONE',
            created_at: now,
            updated_at: now,
          };
          pr.comments.push(comment);
          histories.set(id, [body]);
          return reply(201, comment);
        }
      }
      m = /^\/issues\/comments\/(\d+)$/.exec(rest);
      if (m && method === 'PATCH') {
        const id = Number(m[1]);
        const comment = [...pulls.values()].flatMap((p) => p.comments).find((c) => c.id === id);
        if (!comment) return reply(404, { message: 'Not Found' });
        const { body } = (await readBody(req)) as { body: string };
        comment.body = body;
        comment.updated_at = new Date().toISOString();
        histories.set(id, [...(histories.get(id) ?? []), body]);
        return reply(200, comment);
      }
      return reply(404, { message: 'Not Found' });
    } catch (error) {
      return reply(500, { message: String(error) });
    }
  });
  // An explicit backlog: the action's calls are few and sequential, so the default queue never fills.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 64 }, resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    owner,
    repo,
    token,
    pulls,
    addPull(pull) {
      const full: FakePull = {
        title: `Pull request #${pull.number}`,
        body: '',
        user: { login: 'octocat' },
        base: { ref: 'main', sha: 'b'.repeat(40) },
        head: { ref: 'feature', sha: 'a'.repeat(40) },
        files: [],
        comments: [],
        ...pull,
      };
      pulls.set(full.number, full);
      return full;
    },
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
    history: (id) => [...(histories.get(id) ?? [])],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A human comment, as someone typing in the conversation would leave it. */
export function humanComment(id: number, body: string, association = 'CONTRIBUTOR'): FakeComment {
  const now = new Date().toISOString();
  return {
    id,
    body,
    html_url: `https://github.test/c/${id}`,
    user: { login: `user${id}`, type: 'User' },
    author_association: association,
    created_at: now,
    updated_at: now,
  };
}
