import { createClient, type StreamEvent, type Transport, TransportFailure } from '@modelstream-kit/core';
import { timerClock } from '@modelstream-kit/core/node';
import { describe, expect, it } from 'vitest';

// The streaming benchmark relies on how the core turns network reads into events: the deltas of one read
// are merged into one event, the very first delta goes out alone, and nothing is lost or reordered when an
// error chunk follows deltas in the same read. These tests pin that down with a scripted transport.

const sse = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const delta = (content: string) => sse({ id: 'c1', model: 'gpt-5.4-pro', choices: [{ delta: { content } }] });
const reasoning = (text: string) => sse({ id: 'c1', choices: [{ delta: { reasoning_content: text } }] });
const finish = sse({ id: 'c1', choices: [{ delta: {}, finish_reason: 'stop' }] });

function scripted(reads: string[]): Transport {
  return async () => ({
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    body: (async function* () {
      for (const read of reads) yield new TextEncoder().encode(read);
    })(),
  });
}

async function eventsOf(reads: string[]): Promise<{ events: StreamEvent[]; error?: unknown }> {
  const client = createClient({
    transport: scripted(reads),
    clock: timerClock,
    apiKey: 'sk-test-not-a-real-key',
    baseUrl: 'http://127.0.0.1:1',
  });
  const events: StreamEvent[] = [];
  try {
    for await (const event of client.stream({ prompt: 'Hi' })) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events };
}

describe("the core's stream events, per network read", () => {
  it('sends the first delta alone, then one merged event per read, and assembles the same text', async () => {
    const { events } = await eventsOf([
      delta('a') + delta('b') + delta('c'),
      delta('d') + delta('e'),
      `${finish}data: [DONE]\n\n`,
    ]);
    expect(events.map((e) => (e.type === 'done' ? 'done' : e.text))).toEqual(['a', 'bc', 'de', 'done']);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.completion.text).toBe('abcde');
  });

  it('keeps reasoning and text apart and in order within a read', async () => {
    const { events } = await eventsOf([
      reasoning('r1') + reasoning('r2') + delta('t1') + delta('t2') + reasoning('r3') + finish,
    ]);
    expect(
      events.filter((e) => e.type !== 'done').map((e) => `${e.type}:${'text' in e ? e.text : ''}`),
    ).toEqual(['reasoning-delta:r1', 'reasoning-delta:r2', 'text-delta:t1t2', 'reasoning-delta:r3']);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.completion.reasoningSummary).toBe('r1r2r3');
  });

  it('yields the deltas before an error chunk of the same read, then throws a final error that keeps them', async () => {
    const { events, error } = await eventsOf([
      delta('a') +
        delta('b') +
        delta('c') +
        sse({ error: { message: 'upstream broke', type: 'server_error', code: 502 } }),
    ]);
    expect(events.map((e) => ('text' in e ? e.text : e.type))).toEqual(['a', 'bc']);
    // The request ran upstream: the error is final (never retried) and carries what arrived.
    expect(error).toMatchObject({ name: 'StreamFailedError', partialText: 'abc', retryable: false });
  });

  it('keeps what arrived in a truncation error', async () => {
    const { error } = await eventsOf([delta('a') + delta('b'), delta('c')]);
    expect(error).toMatchObject({ name: 'StreamTruncatedError', partialText: 'abc' });
  });

  it('maps a failure while reading to a typed error', async () => {
    const transport: Transport = async () => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: (async function* () {
        yield new TextEncoder().encode(delta('a'));
        throw new TransportFailure('dropped', 'socket hang up');
      })(),
    });
    const client = createClient({
      transport,
      clock: timerClock,
      apiKey: 'sk-test-not-a-real-key',
      baseUrl: 'http://127.0.0.1:1',
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of client.stream({ prompt: 'Hi' }))
          if (event.type === 'text-delta') seen.push(event.text);
      })(),
    ).rejects.toMatchObject({ name: 'ConnectionError' });
    expect(seen).toEqual(['a']);
  });
});
