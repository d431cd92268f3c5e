import { describe, expect, it } from 'vitest';
import { StreamTruncatedError } from '../errors/response-errors.js';
import { AbortedError } from '../errors/transport-errors.js';
import { ValidationError } from '../errors/validation-error.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';
import type { StreamEvent } from './stream.js';

const emulator = useEmulator({ streamDelayMs: 2 });

async function collect(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

describe('stream', () => {
  it('yields deltas in order, then the assembled Completion with usage', async () => {
    const events = await collect(
      clientFor(emulator()).stream({ prompt: 'Tell a story', reasoning_summary: 'concise' }),
    );
    const deltas = events.filter((e) => e.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(events.some((e) => e.type === 'reasoning-delta')).toBe(true);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.completion.text).toBe(deltas.map((d) => (d.type === 'text-delta' ? d.text : '')).join(''));
    expect(done.completion.finishReason).toBe('stop');
    expect(done.completion.usage.completion_tokens).toBeGreaterThan(0);
    expect(posts(emulator())[0]).toMatchObject({ stream: true });
  });

  it('throws StreamTruncatedError, keeping what arrived, when the stream stops early', async () => {
    emulator().enqueue({ kind: 'truncate-stream', afterChunks: 3 });
    const error = await errorOf(collect(clientFor(emulator()).stream({ prompt: 'Cut me off' })));
    expect(error).toBeInstanceOf(StreamTruncatedError);
    expect((error as StreamTruncatedError).partialText.length).toBeGreaterThan(0);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('stops when aborted mid-stream', async () => {
    const controller = new AbortController();
    const client = clientFor(emulator());
    const seen: StreamEvent[] = [];
    const error = await errorOf(
      (async () => {
        for await (const event of client.stream(
          { prompt: 'Long story [emulator:answer-bytes=200000]' },
          { signal: controller.signal },
        )) {
          seen.push(event);
          if (seen.length === 3) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortedError);
    expect(seen).toHaveLength(3);
  });

  it('parses JSON answers at the end', async () => {
    const events = await collect(
      clientFor(emulator()).stream({ prompt: 'JSON please', response_format: 'json_object' }),
    );
    const done = events.at(-1);
    expect(done?.type === 'done' && typeof done.completion.json).toBe('object');
  });

  it('refuses stream with background', async () => {
    const error = await errorOf(collect(clientFor(emulator()).stream({ prompt: 'x', background: true })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(emulator().requests()).toHaveLength(0);
  });

  it('with keepText: false, passes the deltas on without keeping them', async () => {
    const events = await collect(clientFor(emulator()).stream({ prompt: 'Pipe it' }, { keepText: false }));
    const streamed = events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
    const done = events.at(-1);
    expect(streamed.length).toBeGreaterThan(0);
    expect(done?.type === 'done' && done.completion.text).toBe('');
    expect(done?.type === 'done' && done.completion.usage.completion_tokens).toBeGreaterThan(0);
  });
});
