import { describe, expect, it } from 'vitest';
import { clientFor, errorOf, FAKE_KEY, posts, useEmulator } from '../test-utils/emulator.js';
import { digestPrompt, hashText, type JobLedger, type LedgerUpdate } from './job-ledger.js';

const emulator = useEmulator();

function memoryLedger() {
  const entries = new Map<string, LedgerUpdate>();
  const ledger: JobLedger = {
    put: (update) => {
      entries.set(update.id, { ...entries.get(update.id), ...update });
    },
  };
  return { ledger, entries };
}

describe('the job ledger, fed by the client', () => {
  it('records a job when its id is known, then its end with usage and cost', async () => {
    const { ledger, entries } = memoryLedger();
    let seenAtStart: LedgerUpdate | undefined;
    const client = clientFor(emulator(), { ledger });
    const result = await client.run(
      { prompt: 'Summarise the quarterly report in five bullet points [emulator:job-ms=100]' },
      {
        onJob: (job) => {
          seenAtStart = { ...entries.get(job.id)! };
        },
      },
    );
    expect(seenAtStart).toMatchObject({
      status: expect.stringMatching(/queued|in_progress/),
      delivery: 'background',
    });
    expect(seenAtStart?.prompt?.preview).toBe('Summarise the quarterly report in five bullet points [emulat');
    expect(seenAtStart?.prompt?.text).toBeUndefined();
    const id = result.status === 'completed' ? result.completion.id : '';
    expect(entries.get(id)).toMatchObject({
      status: 'completed',
      cost: { currency: 'USD' },
      usage: { total_tokens: expect.any(Number) },
    });
    expect(JSON.stringify([...entries.values()])).not.toContain(FAKE_KEY);
  });

  it('records plain answers and failed jobs', async () => {
    const { ledger, entries } = memoryLedger();
    const client = clientFor(emulator(), { ledger });
    const plain = await client.complete({ prompt: 'x', background: false });
    expect(entries.get(plain.id)).toMatchObject({ status: 'completed', delivery: 'plain' });
    // complete() without background or stream asks plainly, and the ledger says so.
    const unsaid = await client.complete({ prompt: 'z' });
    expect(emulator().requests().at(-1)).toMatchObject({ method: 'POST' });
    expect(emulator().requests().at(-1)?.background).not.toBe(true);
    expect(entries.get(unsaid.id)).toMatchObject({ status: 'completed', delivery: 'plain' });
    emulator().enqueue({ kind: 'job-fails', message: 'boom' });
    const error = await errorOf(client.complete({ prompt: 'y', background: true }));
    const jobId = (error as unknown as { jobId: string }).jobId;
    expect(entries.get(jobId)).toMatchObject({ status: 'failed' });
  });

  it('a ledger that throws never fails the call', async () => {
    const warnings: string[] = [];
    const client = clientFor(emulator(), {
      ledger: { put: () => Promise.reject(new Error('disk full')) },
      logger: { debug: () => {}, warn: (m) => void warnings.push(m) },
    });
    const completion = await client.complete({ prompt: 'x [emulator:job-ms=50]' });
    expect(completion.text).toBeTruthy();
    await new Promise((r) => setImmediate(r));
    expect(warnings.some((w) => w.includes('ledger failed'))).toBe(true);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('hashes prompts stably and keeps the text only when asked', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(hashText('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(digestPrompt({ prompt: 'hello   world' }, true)).toMatchObject({
      preview: 'hello world',
      text: 'hello   world',
    });
  });
});

describe('the cost ceiling in the client', () => {
  it('refuses with 0 requests sent', async () => {
    const error = await errorOf(clientFor(emulator(), { maxCostUsd: 1 }).complete({ prompt: 'x' }));
    expect(error.message).toMatch(/^maxCostUsd: this request may cost up to ≤ \$23\.04/);
    expect(emulator().requests()).toHaveLength(0);
  });

  it('lets a bounded request through, and every answer carries its cost', async () => {
    const completion = await clientFor(emulator(), { maxCostUsd: 1 }).complete({
      prompt: 'x',
      max_output_tokens: 1000,
    });
    expect(completion.cost).toMatchObject({ currency: 'USD', tier: 'up to 272,000 input tokens' });
    expect(completion.cost!.total).toBeGreaterThan(0);
  });
});
