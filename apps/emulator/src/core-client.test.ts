import {
  JobFailedError,
  QuotaExceededError,
  RateLimitError,
  StreamTruncatedError,
  ValidationError,
} from '@modelstream-kit/core';
import { createNodeClient } from '@modelstream-kit/core/node';
import { describe, expect, it } from 'vitest';
import { KEY, useEmulator } from './test-utils/http.js';

// The kit's own client against the emulator: the two were written from the same assumptions, and this
// proves they agree on the wire.
const emulator = useEmulator({ jobDurationMs: 200 });
const client = (apiKey = KEY) =>
  createNodeClient({
    apiKey,
    baseUrl: emulator().url,
    env: {},
    backoff: { baseMs: 5, maxMs: 20 },
    poll: { initialMs: 20, maxMs: 50, factor: 1.5 },
  });

describe('the core client against the emulator', () => {
  it('completes, with usage and the reasoning summary', async () => {
    const completion = await client().complete({ prompt: 'Hello', reasoning_summary: 'concise' });
    expect(completion.text).toContain('[ModelStream emulator]');
    expect(completion.reasoningSummary).toContain('Reading the request');
    expect(completion.usage.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(completion.requestId).toMatch(/^req_/);
  });

  it('streams deltas and ends with the same completion', async () => {
    let text = '';
    let done: unknown;
    for await (const event of client().stream({ prompt: 'Stream [emulator:answer-bytes=3000]' })) {
      if (event.type === 'text-delta') text += event.text;
      if (event.type === 'done') done = event.completion;
    }
    expect(Buffer.byteLength(text)).toBe(3000);
    expect(done).toMatchObject({ text, finishReason: 'stop' });
  });

  it('runs a background job to completion, with JSON parsed', async () => {
    const c = client();
    const job = await c.start({ prompt: 'Job', response_format: 'json_object' });
    // Not ended yet; which of the two depends on how long a busy machine took to answer.
    expect(['queued', 'in_progress']).toContain(job.status);
    const completion = await c.wait(job.id);
    expect(completion.json).toMatchObject({ emulator: true, prompt_start: 'Job' });
  });

  it('turns faults into the typed errors, retrying only what is safe', async () => {
    emulator().enqueue({ kind: 'status', status: 429, retryAfterMs: 10 });
    expect((await client().complete({ prompt: 'retry me' })).text).toContain('retry me');
    expect(
      emulator()
        .requests()
        .filter((r) => r.method === 'POST'),
    ).toHaveLength(2);

    emulator().enqueue({ kind: 'truncate-stream', afterChunks: 2 });
    const events = async () => {
      for await (const _ of client().stream({ prompt: 'cut' })) {
        // drain
      }
    };
    await expect(events()).rejects.toBeInstanceOf(StreamTruncatedError);

    emulator().enqueue({ kind: 'job-fails', message: 'out of GPUs' });
    const c = client();
    const job = await c.start({ prompt: 'doomed' });
    await expect(c.wait(job.id)).rejects.toBeInstanceOf(JobFailedError);
  });

  it('sends nothing twice after a drop once the body was sent', async () => {
    emulator().enqueue({ kind: 'drop', when: 'after-body' });
    await expect(client().complete({ prompt: 'dropped' })).rejects.toThrow();
    expect(emulator().requests()).toHaveLength(1);
  });

  it('stops at reserved keys without retrying, and the key stays out of the error', async () => {
    const error = await client('sk-emulator-402')
      .complete({ prompt: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(JSON.stringify(error) + String(error)).not.toContain('sk-emulator-402');
    expect(emulator().requests()).toHaveLength(1);
    emulator().enqueue(
      { kind: 'status', status: 429, retryAfterMs: 1 },
      { kind: 'status', status: 429, retryAfterMs: 1 },
      { kind: 'status', status: 429, retryAfterMs: 1 },
      { kind: 'status', status: 429, retryAfterMs: 1 },
      { kind: 'status', status: 429, retryAfterMs: 1 },
    );
    await expect(
      createNodeClient({ apiKey: KEY, baseUrl: emulator().url, env: {}, maxRetries: 1 }).complete({
        prompt: 'x',
      }),
    ).rejects.toBeInstanceOf(RateLimitError);
  });

  it('refuses bad input before sending anything', async () => {
    await expect(client().complete({ prompt: 'x', verbosity: 'shouty' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(emulator().requests()).toEqual([]);
  });
});
