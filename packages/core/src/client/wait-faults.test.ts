import { describe, expect, it } from 'vitest';
import { AuthenticationError, PermissionDeniedError, ServerError } from '../errors/http-errors.js';
import { TimeoutError } from '../errors/transport-errors.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';
import type { RetryInfo } from './http-call.js';

const emulator = useEmulator();
const polls = { method: 'GET', path: '/v1/responses/' };

describe('waiting for a job through bad polls (a poll is a read: it is retried)', () => {
  it('five 503s in a row do not end the wait: the answer still arrives, with one POST', async () => {
    emulator().enqueue(
      ...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503, match: polls })),
    );
    const client = clientFor(emulator());
    const retries: RetryInfo[] = [];
    const job = await client.start({ prompt: 'x [emulator:job-ms=200]' });
    const completion = await client.wait(job.id, { onRetry: (r) => retries.push(r) });
    expect(completion.id).toBe(job.id);
    expect(retries).toHaveLength(5);
    expect(retries.every((r) => r.error instanceof ServerError)).toBe(true);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('an invalid JSON poll, a dropped poll and a 429 are retried', async () => {
    emulator().enqueue(
      { kind: 'malformed-json', match: polls },
      { kind: 'drop', when: 'after-body', match: polls },
      { kind: 'status', status: 429, retryAfterMs: 20, match: polls },
    );
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=100]' });
    expect((await client.wait(job.id)).text).toBeTruthy();
  });

  it('a hung poll times out on its own and is polled again', async () => {
    emulator().enqueue({ kind: 'slow-headers', ms: 5_000, match: polls });
    const client = clientFor(emulator(), { timeouts: { pollMs: 200 } });
    const job = await client.start({ prompt: 'x [emulator:job-ms=100]' });
    const retries: RetryInfo[] = [];
    const completion = await client.wait(job.id, { maxWaitMs: 4_000, onRetry: (r) => retries.push(r) });
    expect(completion.text).toBeTruthy();
    expect(retries[0]?.error).toBeInstanceOf(TimeoutError);
  });

  it('a 429 asking for longer than the wait ends it as "still running", naming the job', async () => {
    emulator().enqueue({ kind: 'status', status: 429, retryAfter: '3600', match: polls });
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=5000]' });
    const error = await errorOf(client.wait(job.id, { maxWaitMs: 2_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'wait', jobId: job.id });
    expect(error.message).toContain('keeps running upstream');
    expect(error.message).toContain('rate limit');
  });

  it('a 5xx that never ends leaves the job named, not lost', async () => {
    emulator().enqueue(
      ...Array.from({ length: 200 }, () => ({ kind: 'status' as const, status: 500, match: polls })),
    );
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=100]' });
    const error = await errorOf(client.wait(job.id, { maxWaitMs: 600 }));
    expect(error).toMatchObject({ jobId: job.id });
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it.each([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
  ])('a %i on a poll (the key was rotated) is final, and carries the job id', async (status, type) => {
    emulator().enqueue({ kind: 'status', status, match: polls });
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=5000]' });
    const error = await errorOf(client.wait(job.id));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ jobId: job.id });
    expect(error.message).toContain(`Job ${job.id} was started`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ jobId: job.id });
  });

  it('run() names the job on an error after its start', async () => {
    emulator().enqueue({ kind: 'status', status: 401, match: polls });
    const error = await errorOf(clientFor(emulator()).run({ prompt: 'x [emulator:job-ms=5000]' }));
    expect((error as { jobId?: string }).jobId).toMatch(/^resp_/);
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});
