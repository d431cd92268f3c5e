import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionPosts, useEmulator } from './test-utils/emulator.js';
import { baseEnv, FAKE_KEY, runCli, whenStderr } from './test-utils/run-cli.js';

const emulator = useEmulator();
const env = (extra: Record<string, string | undefined> = {}) => ({ ...baseEnv(emulator().url), ...extra });

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('exit codes', () => {
  it('0 with the answer on stdout', async () => {
    const run = await runCli(['ask', 'Hello'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(1);
  });

  it('2 with no key and no base URL, saying how to get a key or try --emulator', async () => {
    const run = await runCli(['ask', 'Hello'], { env: { PATH: process.env.PATH } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ModelStream dashboard');
    expect(run.stderr).toContain('export MODELSTREAM_API_KEY=');
    expect(run.stderr).toContain('--emulator');
  });

  it.each([
    ['sk-emulator-401', 3],
    ['sk-emulator-403', 3],
    ['sk-emulator-402', 4],
  ])('%s → %i, and the key is never shown', async (key, code) => {
    const run = await runCli(['ask', 'Hello'], { env: env({ MODELSTREAM_API_KEY: key }), secrets: [key] });
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(completionPosts(emulator())).toHaveLength(1);
  });

  it('3 also for a key from --api-key-file; 2 for a missing key file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelstream-key-'));
    try {
      await writeFile(join(dir, 'key'), 'sk-emulator-401\n');
      const refused = await runCli(['ask', 'Hello', '--api-key-file', join(dir, 'key')], {
        env: env({ MODELSTREAM_API_KEY: undefined }),
        secrets: ['sk-emulator-401'],
      });
      expect(refused.code).toBe(3);
      const missing = await runCli(['ask', 'Hello', '--api-key-file', join(dir, 'nope')], { env: env() });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--api-key-file: cannot read');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('5 when still rate limited after the retries', async () => {
    for (let i = 0; i < 3; i++) emulator().enqueue({ kind: 'status', status: 429, retryAfterMs: 5 });
    const run = await runCli(['ask', 'Hello', '--max-retries', '2'], { env: env() });
    expect(run.code).toBe(5);
    expect(completionPosts(emulator())).toHaveLength(3);
    expect(run.stderr).toMatch(/retry 1/);
  });

  it('0 when a retry gets through', async () => {
    emulator().enqueue({ kind: 'status', status: 503 });
    const run = await runCli(['ask', 'Hello', '--no-background'], { env: env() });
    expect(run.code).toBe(0);
    expect(completionPosts(emulator())).toHaveLength(2);
  });

  it('6 for server errors after the retries', async () => {
    for (let i = 0; i < 2; i++) emulator().enqueue({ kind: 'status', status: 500 });
    const run = await runCli(['ask', 'Hello', '--max-retries', '1'], { env: env() });
    expect(run.code).toBe(6);
  });

  it('6 when nothing listens', async () => {
    const run = await runCli(['ask', 'Hello', '--max-retries', '1'], {
      env: env({ MODELSTREAM_BASE_URL: `http://127.0.0.1:${await closedPort()}` }),
    });
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/connect/i);
  });

  it('6 for a failed background job', async () => {
    emulator().enqueue({ kind: 'job-fails', message: 'the model fell over' });
    const run = await runCli(['ask', 'Hello'], { env: env() });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('the model fell over');
  });

  it('7 for --timeout when the headers are slow', async () => {
    // The headers would come after a minute, past the test's timeout: exit 7 is the --timeout's doing.
    // 5 s, so the POST has reached the emulator first however slowly the command starts.
    emulator().enqueue({ kind: 'slow-headers', ms: 60_000 });
    const run = await runCli(['ask', 'Hello', '--no-background', '--timeout', '5s'], { env: env() });
    expect(run.code).toBe(7);
    expect(completionPosts(emulator())).toHaveLength(1);
  });

  it('7 for --max-wait, naming the job that keeps running', async () => {
    emulator().configure({ jobDurationMs: 5_000 });
    const run = await runCli(['ask', 'Hello', '--max-wait', '200ms'], { env: env() });
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(/modelstream wait resp_\S+/);
  }, 20_000);

  it('130 on Ctrl-C during a background wait: the job is cancelled upstream, and it says so', async () => {
    emulator().configure({ jobDurationMs: 10_000 });
    const run = await runCli(['ask', 'Hello'], {
      env: env(),
      onStart: (child, result) => {
        whenStderr(result, /job \S+ (queued|in_progress)/).then(() => child.kill('SIGINT'));
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('cancelled upstream');
    const cancels = emulator()
      .requests()
      .filter((r) => r.method === 'POST' && /\/cancel$/.test(r.path));
    expect(cancels).toHaveLength(1);
  });

  it('130 on Ctrl-C with --keep-job: the job keeps running and its id is printed', async () => {
    emulator().configure({ jobDurationMs: 10_000 });
    const run = await runCli(['ask', 'Hello', '--keep-job'], {
      env: env(),
      onStart: (child, result) => {
        whenStderr(result, /job \S+ (queued|in_progress)/).then(() => child.kill('SIGINT'));
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/modelstream wait resp_\S+/);
    expect(
      emulator()
        .requests()
        .filter((r) => /\/cancel$/.test(r.path)),
    ).toHaveLength(0);
  });

  it('never shows the key, even when the server echoes it', async () => {
    emulator().enqueue({ kind: 'status', status: 400, message: `bad key ${FAKE_KEY} in request` });
    const run = await runCli(['ask', 'Hello', '--no-background'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad key');
  });
});
