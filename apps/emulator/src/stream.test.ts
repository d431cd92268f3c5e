import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { chat, KEY, post, sseData, useEmulator } from './test-utils/http.js';

const emulator = useEmulator();
const completions = () => `${emulator().url}/v1/chat/completions`;

async function streamed(body: unknown) {
  const res = await post(completions(), body);
  const text = await res.text();
  const data = sseData(text);
  const chunks = data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d));
  return { res, text, data, chunks };
}

describe('stream: true', () => {
  it('sends chat.completion.chunk events, a finish reason, a usage chunk, then [DONE]', async () => {
    const { res, data, chunks } = await streamed(chat('Stream this please', { stream: true }));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(data.at(-1)).toBe('[DONE]');
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        object: 'chat.completion.chunk',
        model: 'gpt-5.4-pro',
        id: chunks[0].id,
      });
    }
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const finish = chunks.at(-2);
    expect(finish.choices[0]).toMatchObject({ finish_reason: 'stop', delta: {} });
    const usageChunk = chunks.at(-1);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: expect.any(Number) },
    });
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    const plain = await (await post(completions(), chat('Stream this please'))).json();
    expect(text).toBe(plain.choices[0].message.content);
    expect(usageChunk.usage).toEqual(plain.usage);
  });

  it('streams the reasoning summary as reasoning_content deltas before the answer', async () => {
    const { chunks } = await streamed(chat('Think aloud', { stream: true, reasoning_summary: 'detailed' }));
    const reasoning = chunks.map((c) => c.choices[0]?.delta?.reasoning_content ?? '').join('');
    expect(reasoning).toContain('**Checking**');
    const firstContent = chunks.findIndex((c) => c.choices[0]?.delta?.content);
    const lastReasoning = chunks.findLastIndex((c) => c.choices[0]?.delta?.reasoning_content);
    expect(lastReasoning).toBeLessThan(firstContent);
  });

  it('sends a big answer as many small deltas', async () => {
    const { chunks } = await streamed(chat('[emulator:answer-bytes=200000]', { stream: true }));
    const deltas = chunks.map((c) => c.choices[0]?.delta?.content).filter((d) => d);
    expect(deltas.join('')).toHaveLength(200_000);
    expect(deltas.length).toBeGreaterThan(4000);
    const bigger = await streamed(
      chat('[emulator:answer-bytes=2000] [emulator:delta-bytes=500]', { stream: true }),
    );
    expect(bigger.chunks.filter((c) => c.choices[0]?.delta?.content).length).toBe(4);
  });

  it('paces chunks by streamDelayMs', async () => {
    emulator().configure({ streamDelayMs: 20 });
    const started = performance.now();
    const { chunks } = await streamed(chat('paced', { stream: true }));
    // chunks + [DONE], each after a pause but the first
    expect(performance.now() - started).toBeGreaterThanOrEqual(chunks.length * 20 - 10);
  });

  it("streams OpenAI's messages form too", async () => {
    const { data, chunks } = await streamed({
      model: 'gpt-5.4-pro',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(data.at(-1)).toBe('[DONE]');
    expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
  });

  it('waits for a slow reader instead of buffering the whole stream (backpressure)', async () => {
    // About 190 MB of SSE if written at once; the reader takes nothing for a while.
    const res = await request(completions(), {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(chat('[emulator:answer-bytes=50000000]', { stream: true })),
    });
    const before = process.memoryUsage();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = process.memoryUsage();
    const grown = after.heapUsed + after.external - (before.heapUsed + before.external);
    expect(grown).toBeLessThan(48 * 1024 * 1024);
    await res.body.destroy();
  });
});

describe('a client that goes away mid-stream', () => {
  it('leaves the emulator serving others', async () => {
    emulator().configure({ streamDelayMs: 5 });
    const controller = new AbortController();
    const res = await post(completions(), chat('[emulator:answer-bytes=100000]', { stream: true }), {
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    emulator().configure({ streamDelayMs: 0 });
    const after = await post(completions(), chat('still there?'));
    expect(after.status).toBe(200);
    expect(emulator().requests()[0]!.status).toBe(200);
  });
});
