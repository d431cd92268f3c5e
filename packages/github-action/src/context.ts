import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** What the runner tells a JavaScript action through its environment. */
export interface GitHubContext {
  eventName: string | undefined;
  payload: Record<string, unknown>;
  repository: { owner: string; repo: string } | undefined;
  apiUrl: string;
  serverUrl: string;
  runUrl: string | undefined;
  workspace: string;
  runnerTemp: string;
}

export function readContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch {
      payload = {};
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return {
    eventName: env.GITHUB_EVENT_NAME,
    payload,
    repository: owner && repo ? { owner, repo } : undefined,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    runnerTemp: env.RUNNER_TEMP ?? tmpdir(),
  };
}

interface PayloadPull {
  number?: number;
  head?: { sha?: string };
}

/** The pull request number: the event's, or the `pull-request` input, or workflow_run's first. */
export function pullRequestNumber(ctx: GitHubContext, fromInput: number | undefined): number | undefined {
  const pr = ctx.payload.pull_request as PayloadPull | undefined;
  if (typeof pr?.number === 'number') return pr.number;
  if (fromInput !== undefined) return fromInput;
  const run = ctx.payload.workflow_run as { pull_requests?: PayloadPull[] } | undefined;
  const first = run?.pull_requests?.[0]?.number;
  return typeof first === 'number' ? first : undefined;
}

/** The commit being answered: workflow_run's head (the diff's), else the pull request's. */
export function eventHeadSha(ctx: GitHubContext): string | undefined {
  const run = ctx.payload.workflow_run as { head_sha?: string } | undefined;
  if (typeof run?.head_sha === 'string') return run.head_sha;
  const pr = ctx.payload.pull_request as PayloadPull | undefined;
  return pr?.head?.sha;
}
