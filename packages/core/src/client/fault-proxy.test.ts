import { type FaultProxy, startFaultProxy } from '@modelstream-kit/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/response-errors.js';
import { ConnectionError, TimeoutError } from '../errors/transport-errors.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';

// The project's own fault proxy in front of the emulator: faults on the wire, not volunteered by it.
const emulator = useEmulator();
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy({ target: emulator().url });
});
afterEach(() => proxy.clear());
afterAll(() => proxy.close());

const through = (overrides = {}) => clientFor(emulator(), { baseUrl: proxy.url, ...overrides });
const POST = { method: 'POST', path: '/v1/chat/completions' };
const POLL = { method: 'GET', path: '/v1/responses/' };

describe('what the client promises, under faults on the wire', () => {
  it('a reset after the POST was sent is never followed by a second POST', async () => {
    proxy.enqueue({ match: POST, action: 'reset', afterBytes: 20 });
    const error = await errorOf(through().complete({ prompt: 'x', background: false }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveRun).toBe(true);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('a reset on the start of a job leaves it unpaid twice: one POST, an error that says it may run', async () => {
    proxy.enqueue({ match: POST, action: 'reset', afterBodyBytes: 5 });
    const error = await errorOf(through().run({ prompt: 'x [emulator:job-ms=100]' }));
    expect(error.message).toContain('may already be running upstream');
    expect(posts(emulator())).toHaveLength(1);
  });

  it('resets, stalls and corrupt bodies on the polls are retried; the answer arrives after one POST', async () => {
    proxy.enqueue(
      { match: { ...POLL, nth: 1 }, action: 'reset', afterBytes: 10 },
      { match: { ...POLL, nth: 2 }, action: 'stall', afterBytes: 30 },
      { match: { ...POLL, nth: 3 }, action: 'corrupt' },
    );
    const completion = await through({ timeouts: { pollMs: 300 } }).complete({
      prompt: 'x [emulator:job-ms=200]',
      background: true,
    });
    expect(completion.text).toBeTruthy();
    expect(posts(emulator())).toHaveLength(1);
    // The three rules met three polls (a plain answer would have met none).
    expect(proxy.pending().requests).toEqual([]);
  });

  it('a body error on a poll (headers came, the body stops half-way) is retried; the answer arrives after one POST', async () => {
    proxy.enqueue(
      { match: { ...POLL, nth: 1 }, action: 'reset', afterBodyBytes: 8 },
      { match: { ...POLL, nth: 2 }, action: 'reset', afterBodyBytes: 30 },
    );
    const retries: unknown[] = [];
    const completion = await through().complete(
      { prompt: 'x [emulator:job-ms=200]', background: true },
      { onRetry: (r) => retries.push(r.error) },
    );
    expect(completion.text).toBeTruthy();
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(posts(emulator())).toHaveLength(1);
    // Both rules met a poll.
    expect(proxy.pending().requests).toEqual([]);
  });

  it('polls whose bodies always break end the wait naming the job, never losing it', async () => {
    proxy.enqueue(
      ...Array.from({ length: 200 }, () => ({ match: POLL, action: 'reset' as const, afterBodyBytes: 5 })),
    );
    const client = through();
    const job = await client.start({ prompt: 'x [emulator:job-ms=100]' });
    const error = await errorOf(client.wait(job.id, { maxWaitMs: 800 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ jobId: job.id, phase: 'wait' });
    expect(error.message).toContain(job.id);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('a stream split into 1-3 byte writes assembles to exactly the same answer', async () => {
    const params = { prompt: 'Tell me about naïve 日本語 🙂 [emulator:answer-bytes=3000]', stream: true };
    const whole = await clientFor(emulator()).complete(params);
    proxy.enqueue({ match: POST, action: 'split', maxBytes: 3 });
    const split = await through().complete(params);
    expect(split.text).toBe(whole.text);
    expect(split.usage).toEqual(whole.usage);
  });

  it('a corrupt SSE line is an InvalidResponseError with the text before it, not a shorter answer', async () => {
    proxy.enqueue({ match: POST, action: 'corrupt', dataLine: 4 });
    const error = await errorOf(
      through().complete({ prompt: 'x [emulator:answer-bytes=2000]', stream: true }),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(typeof (error as InvalidResponseError).partialText).toBe('string');
    expect(posts(emulator())).toHaveLength(1);
  });

  it('headers delayed past the headers timeout on a start: a TimeoutError that says it may run, one POST', async () => {
    proxy.enqueue({ match: POST, action: 'delay-headers', ms: 2_000 });
    const error = await errorOf(through({ timeouts: { headersMs: 200 } }).start({ prompt: 'x' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'headers', mayHaveRun: true });
    expect(posts(emulator())).toHaveLength(1);
  });
});
