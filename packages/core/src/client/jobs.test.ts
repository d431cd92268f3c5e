import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../completion.js';
import { JobFailedError } from '../errors/response-errors.js';
import { AbortedError, TimeoutError } from '../errors/transport-errors.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';

const emulator = useEmulator();

describe('background jobs', () => {
  it('start → wait: polls through queued and in_progress to completed', async () => {
    const client = clientFor(emulator());
    // 3 s: polled at least twice before it ends, however busy the machine.
    const job = await client.start({ prompt: 'Deep question [emulator:job-ms=3000]' });
    expect(job.id).toMatch(/^resp_/);
    expect(['queued', 'in_progress']).toContain(job.status);
    const seen: JobStatus[] = [];
    const completion = await client.wait(job.id, { onPoll: (j) => seen.push(j.status) });
    expect(completion.id).toBe(job.id);
    expect(completion.text).toContain('emulator');
    expect(completion.usage.total_tokens).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe('completed');
    expect(seen.length).toBeGreaterThan(1);
  });

  it('retrieve gives the status, then the answer', async () => {
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=2000]' });
    expect((await client.retrieve(job.id)).completion).toBeUndefined();
    // Asked again until the job is done (bounded), not after a guessed pause.
    let later = await client.retrieve(job.id);
    for (let i = 0; i < 400 && !later.completion; i++) {
      await new Promise((r) => setTimeout(r, 25));
      later = await client.retrieve(job.id);
    }
    expect(later.completion?.text).toBeTruthy();
  });

  it('a failed job is a JobFailedError with the server words', async () => {
    emulator().enqueue({ kind: 'job-fails', message: 'upstream model crashed' });
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x' });
    const error = await errorOf(client.wait(job.id));
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ jobId: job.id, jobStatus: 'failed' });
    expect(error.message).toContain('upstream model crashed');
  });

  it('a job cancelled upstream is a JobFailedError with status cancelled', async () => {
    emulator().enqueue({ kind: 'job-cancelled' });
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x' });
    const error = await errorOf(client.wait(job.id));
    expect(error).toMatchObject({ jobStatus: 'cancelled' });
  });

  it('waiting past the maximum leaves the job running and names it; it can be collected later', async () => {
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'slow [emulator:job-ms=3000]' });
    const error = await errorOf(client.wait(job.id, { maxWaitMs: 150 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'wait', jobId: job.id });
    expect(error.message).toContain('keeps running upstream');
    const completion = await client.wait(job.id, { maxWaitMs: 30_000 });
    expect(completion.text).toBeTruthy();
    expect(posts(emulator())).toHaveLength(1);
  });

  it('abort mid-wait cancels the upstream job when asked', async () => {
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=5000]' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await errorOf(client.wait(job.id, { signal: controller.signal, cancelOnAbort: true }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.message).toContain('cancelled upstream');
    expect((await client.retrieve(job.id)).job.status).toBe('cancelled');
    expect(
      emulator()
        .requests()
        .some((r) => r.method === 'POST' && r.path.endsWith('/cancel')),
    ).toBe(true);
  });

  it('abort mid-wait without cancelOnAbort leaves the job running', async () => {
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=5000]' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const error = await errorOf(client.wait(job.id, { signal: controller.signal }));
    expect(error).toMatchObject({ jobId: job.id });
    expect(error.message).toContain('keeps running upstream');
    expect((await client.retrieve(job.id)).job.status).not.toBe('cancelled');
  });

  it('a dropped poll is retried: polling is safe to repeat', async () => {
    emulator().enqueue({ kind: 'drop', when: 'after-body', match: { method: 'GET' } });
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=100]' });
    expect((await client.wait(job.id)).text).toBeTruthy();
  });

  it('cancel ends a job', async () => {
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'x [emulator:job-ms=5000]' });
    expect((await client.cancel(job.id)).status).toBe('cancelled');
  });

  it('run gives the answer within the budget, or the pending job', async () => {
    const client = clientFor(emulator());
    const quick = await client.run({ prompt: 'quick [emulator:job-ms=50]' }, { within: 5_000 });
    expect(quick.status).toBe('completed');
    const slow = await client.run({ prompt: 'slow [emulator:job-ms=60000]' }, { within: 200 });
    expect(slow.status).toBe('pending');
    if (slow.status !== 'pending') return;
    expect(slow.job.id).toMatch(/^resp_/);
    expect(['queued', 'in_progress']).toContain(slow.job.status);
  });
});
