import { describe, expect, it } from 'vitest';
import { completionPosts, useEmulator } from './test-utils/emulator.js';
import { baseEnv, runCli, whenStderr } from './test-utils/run-cli.js';

const emulator = useEmulator();
const env = () => baseEnv(emulator().url);
const cancels = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && /\/cancel$/.test(r.path));
const polls = { method: 'GET', path: '/v1/responses/' };

describe('a started job is never lost', () => {
  it('five 503s on the polls do not end the wait: the answer arrives after one POST', async () => {
    emulator().enqueue(
      ...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503, match: polls })),
    );
    const run = await runCli(['ask', 'x [emulator:job-ms=400]'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('emulator');
    expect(completionPosts(emulator())).toHaveLength(1);
  });

  it('a 401 on a poll (a rotated key) ends with the job id and how to collect it', async () => {
    emulator().enqueue({ kind: 'status', status: 401, match: polls });
    const run = await runCli(['ask', 'x [emulator:job-ms=5000]'], { env: env() });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/collect it later: modelstream wait resp_\S+/);
  });

  it('SIGTERM cancels the job upstream like Ctrl-C, and exits 143', async () => {
    emulator().configure({ jobDurationMs: 10_000 });
    const run = await runCli(['ask', 'Hello'], {
      env: env(),
      onStart: (child, result) => {
        whenStderr(result, /job \S+ (queued|in_progress)/).then(() => child.kill('SIGTERM'));
      },
    });
    expect(run.code).toBe(143);
    expect(run.stderr).toContain('cancelled upstream');
    expect(cancels()).toHaveLength(1);
  });

  it('SIGTERM with --keep-job leaves the job running and prints its id', async () => {
    emulator().configure({ jobDurationMs: 10_000 });
    const run = await runCli(['ask', 'Hello', '--keep-job'], {
      env: env(),
      onStart: (child, result) => {
        whenStderr(result, /job \S+ (queued|in_progress)/).then(() => child.kill('SIGTERM'));
      },
    });
    expect(run.code).toBe(143);
    expect(run.stderr).toMatch(/modelstream wait resp_\S+/);
    expect(cancels()).toHaveLength(0);
  });

  it('SIGTERM while the start POST is in flight waits for the job id, then cancels that job', async () => {
    const run = await runCli(['ask', 'x [emulator:delay-ms=600] [emulator:job-ms=10000]'], {
      env: env(),
      onStart: (child, result) => {
        whenStderr(result, /Starting a background job/).then(() => child.kill('SIGTERM'));
      },
    });
    expect(run.code).toBe(143);
    expect(completionPosts(emulator())).toHaveLength(1);
    expect(cancels()).toHaveLength(1);
    expect(run.stderr).toContain('cancelled upstream');
  });
});
