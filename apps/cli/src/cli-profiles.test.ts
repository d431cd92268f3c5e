import { describe, expect, it } from 'vitest';
import { completionPosts, useEmulator } from './test-utils/emulator.js';
import { baseEnv, runCli } from './test-utils/run-cli.js';

// One emulator whose profile each test switches (the kit resets it after each test); jobs of 200 ms.
const emulator = useEmulator({ idleCutMs: 2_000, keepAliveMs: 100 });
const env = (extra: Record<string, string> = {}) => ({ ...baseEnv(emulator().url), ...extra });
const gets = (prefix: string) =>
  emulator()
    .requests()
    .filter((r) => r.method === 'GET' && r.path.startsWith(prefix));

/**
 * `modelstream ask` against every gateway behaviour the emulator knows: the answer arrives, or an error
 * names what the gateway did and the setting that fixes it; never a second POST.
 */
describe('modelstream ask × the gateway profiles', () => {
  it('responses: a background job polled at /v1/responses/{id}', async () => {
    const run = await runCli(['ask', 'hello'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"hello"');
    expect(run.stderr).toMatch(/job resp_\S+ completed/);
    expect(completionPosts(emulator())).toHaveLength(1);
  });

  it('sync-only: the answer to the background request is taken as it comes, in one line of progress', async () => {
    emulator().setProfile('sync-only');
    const run = await runCli(['ask', 'hello'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"hello"');
    expect(run.stderr).toContain(
      'modelstream: the gateway answered the background request at once (it ran in the foreground): the answer is here, no job to collect',
    );
    expect(completionPosts(emulator())).toHaveLength(1);
    expect(gets('/v1/')).toHaveLength(0);
  });

  it('chat-job: the job path is found after one 404 and named with its setting; with it set, no 404', async () => {
    emulator().setProfile('chat-job');
    const run = await runCli(['ask', 'hello'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"hello"');
    expect(run.stderr).toContain(
      'modelstream: jobs are served at /v1/chat/completions/{id} on this gateway, not /v1/responses/{id}: using it (set MODELSTREAM_JOB_PATH=/v1/chat/completions/{id} or pass --job-path /v1/chat/completions/{id} to skip this check)',
    );
    expect(completionPosts(emulator())).toHaveLength(1);

    const settings: { args: string[]; extra: Record<string, string> }[] = [
      { args: ['--job-path', '/v1/chat/completions/{id}'], extra: {} },
      { args: [], extra: { MODELSTREAM_JOB_PATH: '/v1/chat/completions/{id}' } },
    ];
    for (const setting of settings) {
      emulator().reset();
      emulator().setProfile('chat-job');
      const direct = await runCli(['ask', 'hello', ...setting.args], { env: env(setting.extra) });
      expect(direct.code, direct.stderr).toBe(0);
      expect(direct.stderr).not.toContain('jobs are served at');
      expect(gets('/v1/responses/')).toHaveLength(0);
      expect(completionPosts(emulator())).toHaveLength(1);
    }
  });

  it('no-background: a clear error naming --no-background, nothing started; with it, the answer', async () => {
    emulator().setProfile('no-background');
    const run = await runCli(['ask', 'hello'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/does not run background jobs: set background to false \(CLI --no-background/);
    expect(run.stderr).toContain('Nothing was started.');
    expect(run.stderr).not.toMatch(/modelstream wait/);
    expect(completionPosts(emulator())).toHaveLength(1);
    const direct = await runCli(['ask', 'hello', '--no-background'], { env: env() });
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toContain('"hello"');
    expect(completionPosts(emulator())).toHaveLength(2);
  });

  it('proxied: a background job and a stream with keep-alive comments behind an idle cut-off', async () => {
    emulator().setProfile('proxied');
    const run = await runCli(['ask', 'hello'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"hello"');
    const streamed = await runCli(['ask', 'hello [emulator:delay-ms=400]', '--stream'], { env: env() });
    expect(streamed.code, streamed.stderr).toBe(0);
    expect(streamed.stdout).toContain('"hello');
    expect(streamed.stdout).not.toContain('keep-alive');
    expect(completionPosts(emulator())).toHaveLength(2);
  });

  it('no-models: asking needs no model list', async () => {
    emulator().setProfile('no-models');
    const run = await runCli(['ask', 'hello'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"hello"');
    expect(gets('/v1/models')).toHaveLength(0);
    expect(completionPosts(emulator())).toHaveLength(1);
  });

  it('a bad --job-path is refused before any request, naming what is allowed', async () => {
    const run = await runCli(['ask', 'hello', '--job-path', 'jobs/{id}'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--job-path: "jobs/{id}" is not allowed; use a path starting with / that contains {id}',
    );
    expect(emulator().requests()).toHaveLength(0);
  });
});
