import {
  type Clock,
  createClient,
  TimeoutError,
  type Transport,
  TransportFailure,
} from '@modelstream-kit/core';
import { timerClock } from '@modelstream-kit/core/node';
import { describe, expect, it } from 'vitest';

// The client-overhead benchmark led to a cheaper deadline timer in the core: a clock may offer
// `setTimer` (the Node timer clock does); a clock with only `sleep` (n8n's, Zapier's) keeps the old way.
// Both must still end a call at its deadline and leave nothing running after a call that finished.

/** A transport that never answers until its signal aborts (a server that hangs). */
const hanging: Transport = (request) =>
  new Promise((_, reject) => {
    request.signal.addEventListener('abort', () => reject(new TransportFailure('aborted', 'aborted')), {
      once: true,
    });
  });

const answering: Transport = async () => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: (async function* () {
    yield new TextEncoder().encode(
      JSON.stringify({
        id: 'c1',
        model: 'gpt-5.4-pro',
        choices: [{ index: 0, message: { content: 'hi' }, finish_reason: 'stop' }],
      }),
    );
  })(),
});

const sleepOnly: Clock = { now: timerClock.now, sleep: timerClock.sleep };

describe.each([
  ['a clock with setTimer (Node)', timerClock],
  ['a clock with only sleep (n8n, Zapier)', sleepOnly],
])('the call deadline, with %s', (_name, clock) => {
  const client = (transport: Transport) =>
    createClient({ transport, clock, apiKey: 'sk-test-not-a-real-key', baseUrl: 'http://127.0.0.1:1' });

  // The transport below answers only when its signal aborts, so the call ending at all is the deadline's
  // doing; how late a busy machine fires that timer is not asserted (the test's timeout bounds it).
  it('ends a hanging call at its deadline, saying it may have run', async () => {
    const started = Date.now();
    const error = await client(hanging)
      .complete({ prompt: 'Hi' }, { deadlineMs: 150 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'deadline', mayHaveRun: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('leaves no timer behind once a call has finished', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    await client(answering).complete({ prompt: 'Hi' }, { deadlineMs: 60_000 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBe(before);
  });
});
