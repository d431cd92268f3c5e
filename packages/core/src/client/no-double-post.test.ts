import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/response-errors.js';
import { AbortedError, ConnectionError, TimeoutError } from '../errors/transport-errors.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';

const emulator = useEmulator();
const prompt = { prompt: 'Expensive question' };

// A POST that may already be running upstream is never sent again: it could be paid for twice.
describe('a POST that may be running upstream', () => {
  it.each(['before-body', 'after-body'] as const)(
    'is not resent after a connection dropped %s',
    async (when) => {
      emulator().enqueue({ kind: 'drop', when });
      const error = await errorOf(clientFor(emulator()).complete(prompt));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).mayHaveRun).toBe(true);
      expect(error.message).toContain('may already be running upstream');
      expect(error.message).toContain('background');
      expect(posts(emulator())).toHaveLength(1);
    },
  );

  it('is not resent after the deadline passed while waiting for headers', async () => {
    // The deadline must outlast getting the POST to the emulator on a busy machine; the headers never come.
    emulator().enqueue({ kind: 'slow-headers', ms: 60_000 });
    const error = await errorOf(clientFor(emulator()).complete(prompt, { deadlineMs: 3_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'deadline', mayHaveRun: true, retryable: false });
    expect(posts(emulator())).toHaveLength(1);
  });

  it('is not resent after a headers timeout on a stream', async () => {
    emulator().enqueue({ kind: 'slow-headers', ms: 3_000 });
    const client = clientFor(emulator(), { timeouts: { headersMs: 200 } });
    const error = await errorOf(
      (async () => {
        for await (const _ of client.stream(prompt)) {
          // consume
        }
      })(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'headers', mayHaveRun: true });
    expect(posts(emulator())).toHaveLength(1);
  });

  it('is not resent when the answer is malformed', async () => {
    emulator().enqueue({ kind: 'malformed-json' });
    const error = await errorOf(clientFor(emulator()).complete(prompt));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('says so when aborted in flight, and not when aborted before sending', async () => {
    emulator().enqueue({ kind: 'slow-headers', ms: 3_000 });
    const controller = new AbortController();
    const pending = errorOf(clientFor(emulator()).complete(prompt, { signal: controller.signal }));
    // In flight: aborted once the emulator has the POST (polled, bounded), not after a guessed 100 ms.
    for (let i = 0; i < 500 && posts(emulator()).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    const inFlight = await pending;
    expect(inFlight).toBeInstanceOf(AbortedError);
    expect(inFlight.message).toContain('may still run upstream and be billed');

    const early = await errorOf(clientFor(emulator()).complete(prompt, { signal: AbortSignal.abort() }));
    expect(early).toBeInstanceOf(AbortedError);
    expect(early.message).not.toContain('may still run');
    expect(posts(emulator())).toHaveLength(1);
  });
});
