import { closeDefaultAgent, createNodeClient } from '@modelstream-kit/core/node';
import { createParser } from 'eventsource-parser';
import { Agent, request } from 'undici';
import { BENCH_KEY, MODEL } from './http-clients.js';

export interface StreamRun {
  /** Characters of answer text received. */
  chars: number;
  /** From the call to the first text delta, in ms. */
  firstDeltaMs: number;
  totalMs: number;
}

export interface Streamer {
  stream(prompt: string): Promise<StreamRun>;
  close(): Promise<void>;
}

/** Our `stream()` as a pipe uses it (the CLI's `--stream`): text deltas as events, usage at the end, the text not kept. */
export function oursStream(url: string): Streamer {
  const client = createNodeClient({ apiKey: BENCH_KEY, baseUrl: url, env: {} });
  return {
    async stream(prompt) {
      const t0 = performance.now();
      let first = -1;
      let chars = 0;
      for await (const event of client.stream({ prompt }, { keepText: false })) {
        if (event.type !== 'text-delta') continue;
        if (first < 0) first = performance.now() - t0;
        chars += event.text.length;
      }
      return { chars, firstDeltaMs: first, totalMs: performance.now() - t0 };
    },
    close: closeDefaultAgent,
  };
}

/** The hand loop: undici.request, eventsource-parser, JSON.parse of each chunk, nothing kept. */
export function handLoop(url: string): Streamer {
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  const target = `${url}/v1/chat/completions`;
  return {
    async stream(prompt) {
      const t0 = performance.now();
      let first = -1;
      let chars = 0;
      let done = false;
      const parser = createParser({
        onEvent(message) {
          if (message.data === '[DONE]') {
            done = true;
            return;
          }
          const chunk = JSON.parse(message.data) as { choices?: { delta?: { content?: string } }[] };
          const text = chunk.choices?.[0]?.delta?.content;
          if (typeof text === 'string' && text !== '') {
            if (first < 0) first = performance.now() - t0;
            chars += text.length;
          }
        },
      });
      const response = await request(target, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${BENCH_KEY}`,
          'content-type': 'application/json',
          accept: 'text/event-stream',
        },
        body: JSON.stringify({ model: MODEL, prompt, stream: true }),
        dispatcher: agent,
      });
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      const decoder = new TextDecoder();
      for await (const bytes of response.body) parser.feed(decoder.decode(bytes, { stream: true }));
      if (!done) throw new Error('the stream ended without [DONE]');
      return { chars, firstDeltaMs: first, totalMs: performance.now() - t0 };
    },
    close: () => agent.close(),
  };
}

export const streamers = { ours: oursStream, hand: handLoop } as const;
export type StreamerName = keyof typeof streamers;
