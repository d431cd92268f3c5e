import { type Emulator, useEmulator } from '@modelstream-kit/emulator/vitest';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  type FakeComment,
  type FakeFile,
  type FakeGitHub,
  type FakePull,
  humanComment,
  startFakeGitHub,
} from './fake-github.js';
import { type ActionRun, pullRequestEvent, type RunActionOptions, runAction } from './run-action.js';

export const KEY = 'sk-test-not-a-real-key';
export const MARKER = '<!-- modelstream-kit ';

export function patch(path: string, lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `+export const value${i} = compute(${i}, '${path}');`);
  return [`@@ -0,0 +1,${lines} @@`, ...body].join('\n');
}

export function file(filename: string, lines: number, extra: Partial<FakeFile> = {}): FakeFile {
  return {
    filename,
    status: 'modified',
    additions: lines,
    deletions: 0,
    changes: lines,
    patch: patch(filename, lines),
    ...extra,
  };
}

export const head = (n: number) => n.toString(16).padStart(40, 'c');

/**
 * A fake GitHub and an emulator for one test file, and the action's bundle run against them with the
 * inputs GitHub fills from action.yml's defaults.
 */
export interface ActionHarness {
  github: () => FakeGitHub;
  emulator: () => Emulator;
  newPull: (files: FakeFile[], extra?: { comments?: number; body?: string }) => FakePull;
  run: (pr: number, inputs: Record<string, string>, more?: Partial<RunActionOptions>) => Promise<ActionRun>;
  modelCalls: () => ReturnType<Emulator['requests']>;
  markedComments: (pr: number) => FakeComment[];
  expectNone: (result: ActionRun, secrets: readonly string[], pr?: number) => void;
}

export function useActionHarness(options: { jobDurationMs?: number } = {}): ActionHarness {
  let github: FakeGitHub | undefined;
  const emulator: () => Emulator = useEmulator({ jobDurationMs: options.jobDurationMs ?? 300 });
  let nextPr = 1;
  beforeAll(async () => {
    github = await startFakeGitHub({ maxPerPage: 30 });
  });
  afterAll(async () => {
    await github?.close();
  });
  const gh = () => {
    if (!github) throw new Error('the fake GitHub has not started');
    return github;
  };

  const newPull = (files: FakeFile[], extra: { comments?: number; body?: string } = {}) => {
    const number = nextPr++;
    return gh().addPull({
      number,
      title: `Add retries to the client (#${number})`,
      body: extra.body ?? 'This adds retries.',
      head: { ref: 'feature', sha: head(1) },
      files,
      comments: Array.from({ length: extra.comments ?? 0 }, (_, i) => humanComment(100 + i, `comment ${i}`)),
    });
  };

  const run = (pr: number, inputs: Record<string, string>, more: Partial<RunActionOptions> = {}) => {
    const pull = gh().pulls.get(pr)!;
    return runAction({
      eventName: 'pull_request',
      event: pullRequestEvent(gh().owner, gh().repo, pr, pull.head.sha),
      repository: `${gh().owner}/${gh().repo}`,
      apiUrl: gh().url,
      inputs: {
        'base-url': emulator().url,
        'github-token': gh().token,
        comment: 'sticky',
        'comment-key': 'pr-summary',
        'max-diff-tokens': '50000',
        'timeout-minutes': '30',
        force: 'false',
        'fail-on-error': 'true',
        'price-multiplier': '1',
        store: 'true',
        background: 'true',
        stream: 'false',
        'api-key': KEY,
        ...inputs,
      },
      ...more,
    });
  };

  const modelCalls = () =>
    emulator()
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
  const markedComments = (pr: number) =>
    gh()
      .pulls.get(pr)!
      .comments.filter((c) => c.body.startsWith(MARKER));

  /** None of `secrets` in anything a person or a later step could see (the runner's mask lines aside). */
  const expectNone = (result: ActionRun, secrets: readonly string[], pr?: number) => {
    const stdout = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    const seen = [stdout, result.stderr, ...Object.values(result.files)];
    if (pr !== undefined) {
      for (const c of gh().pulls.get(pr)!.comments) seen.push(...gh().history(c.id), c.body);
    }
    for (const secret of secrets) for (const text of seen) expect(text).not.toContain(secret);
  };

  return { github: gh, emulator, newPull, run, modelCalls, markedComments, expectNone };
}
