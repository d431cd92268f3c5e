import { FAKE_KEY, posts, useEmulator } from '@modelstream-kit/emulator/vitest';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './test-utils/run-in-process.js';

// Issue 12's matrix: the action's summarise path against every gateway profile of the emulator. Each
// cell is the answer or a clear error naming the setting that fixes it, and never a second POST.
const emulator = useEmulator({ jobDurationMs: 150 });

const DIFF = [
  'diff --git a/src/retry.ts b/src/retry.ts',
  '--- a/src/retry.ts',
  '+++ b/src/retry.ts',
  '@@ -1 +1,2 @@',
  '-export const retries = 0;',
  '+export const retries = 3;',
  '+export const backoffMs = 500;',
  '',
].join('\n');

/** Inputs as GitHub fills them from action.yml, summarising an uploaded diff. */
const summarise = (extra: Record<string, string> = {}) =>
  runInProcess({
    workspaceFiles: { 'pr.diff': DIFF },
    inputs: {
      'api-key': FAKE_KEY,
      'base-url': emulator().url,
      mode: 'summarize',
      'diff-file': 'pr.diff',
      comment: 'sticky',
      'comment-key': 'pr-summary',
      'max-diff-tokens': '50000',
      'timeout-minutes': '1',
      force: 'false',
      'fail-on-error': 'true',
      'price-multiplier': '1',
      store: 'true',
      background: 'true',
      stream: 'false',
      ...extra,
    },
  });

const errorLine = (stdout: string) => stdout.split('\n').find((l) => l.startsWith('::error')) ?? '';

describe('the summarise path × the gateway profiles', () => {
  it.each(['responses', 'sync-only', 'proxied', 'no-models'] as const)(
    '%s: the answer, one POST',
    async (profile) => {
      emulator().setProfile(profile === 'proxied' ? { profile, idleCutMs: 400 } : profile);
      const result = await summarise();
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs.text).toContain('[ModelStream emulator]');
      expect(result.outputs.skipped).toBe('false');
      expect(posts(emulator())).toHaveLength(1);
    },
  );

  it('chat-job with job-path set to its poll path: the answer, one POST', async () => {
    emulator().setProfile('chat-job');
    const result = await summarise({ 'job-path': '/v1/chat/completions/{id}' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.text).toContain('[ModelStream emulator]');
    expect(posts(emulator())).toHaveLength(1);
    expect(
      emulator()
        .requests()
        .some((r) => r.method === 'GET' && r.path.startsWith('/v1/chat/completions/')),
    ).toBe(true);
  });

  it('chat-job without job-path: the job is found on the gateway’s own path, said in one line naming job-path; one POST', async () => {
    emulator().setProfile('chat-job');
    const result = await summarise();
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.text).toContain('[ModelStream emulator]');
    expect(result.stdout).toContain(
      'ModelStream: jobs are served at /v1/chat/completions/{id} on this gateway, not /v1/responses/{id}: using it (set the job-path input to /v1/chat/completions/{id}',
    );
    expect(posts(emulator())).toHaveLength(1);
  });

  it('no-background: a clear error naming background: false, nothing started; then background: false answers', async () => {
    emulator().setProfile('no-background');
    const refused = await summarise();
    expect(refused.exitCode).toBe(1);
    expect(errorLine(refused.stdout)).toContain('input background: false');
    expect(errorLine(refused.stdout)).toContain('Nothing was started.');
    expect(posts(emulator())).toHaveLength(1);

    const plain = await summarise({ background: 'false' });
    expect(plain.exitCode, plain.stdout).toBe(0);
    expect(plain.outputs.text).toContain('[ModelStream emulator]');
    expect(posts(emulator())).toHaveLength(2);
  });

  it('invalid input is refused before anything is sent, with the input’s name', async () => {
    const result = await summarise({ 'job-path': 'jobs' });
    expect(result.exitCode).toBe(1);
    expect(errorLine(result.stdout)).toContain(
      'input job-path: "jobs" is not allowed; use a path starting with /',
    );
    expect(emulator().requests()).toEqual([]);
  });
});
