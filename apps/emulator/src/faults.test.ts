import { describe, expect, it } from 'vitest';
import { chat, get, post, sseData, useEmulator } from './test-utils/http.js';

const emulator = useEmulator({ jobDurationMs: 0 });
const completions = () => `${emulator().url}/v1/chat/completions`;

describe('faults', () => {
  it('status: answers the status with Retry-After and retry-after-ms, once', async () => {
    emulator().enqueue({ kind: 'status', status: 429, retryAfter: 2, retryAfterMs: 1500 });
    const limited = await post(completions(), chat('x'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect((await limited.json()).error).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    });
    expect((await post(completions(), chat('x'))).status).toBe(200);
  });

  it('status: takes an HTTP date, a code and a message', async () => {
    const date = new Date(Date.now() + 3000).toUTCString();
    emulator().enqueue({
      kind: 'status',
      status: 503,
      retryAfter: date,
      code: 'overloaded',
      message: 'Busy.',
    });
    const res = await post(completions(), chat('x'));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(date);
    expect(await res.json()).toEqual({
      error: { message: 'Busy.', type: 'server_error', param: null, code: 'overloaded' },
    });
  });

  it('status: 500 carries a realistic server error object', async () => {
    emulator().enqueue({ kind: 'status', status: 500 });
    const res = await post(completions(), chat('x'));
    expect(res.status).toBe(500);
    expect((await res.json()).error).toMatchObject({ type: 'server_error', code: 'upstream_error' });
  });

  it('applies only to requests that match method and path prefix', async () => {
    emulator().enqueue({ kind: 'status', status: 502, match: { method: 'GET', path: '/v1/responses/' } });
    const created = await (await post(completions(), chat('x', { background: true }))).json();
    expect(created.status).toBe('completed');
    expect((await get(`${emulator().url}/v1/responses/${created.id}`)).status).toBe(502);
    expect((await get(`${emulator().url}/v1/responses/${created.id}`)).status).toBe(200);
  });

  it('drop before-body: closes the connection without reading the body or answering', async () => {
    emulator().enqueue({ kind: 'drop', when: 'before-body' });
    await expect(post(completions(), chat('x'))).rejects.toThrow();
    const [record] = emulator().requests();
    expect(record).toMatchObject({ seq: 1, method: 'POST', fault: 'drop' });
    expect(record!.status).toBeUndefined();
    expect(record!.model).toBeUndefined();
  });

  it('drop after-body: reads the body, then closes without answering', async () => {
    emulator().enqueue({ kind: 'drop', when: 'after-body' });
    await expect(post(completions(), chat('x', { stream: true }))).rejects.toThrow();
    const [record] = emulator().requests();
    expect(record).toMatchObject({ model: 'gpt-5.4-pro', stream: true, fault: 'drop' });
    expect(record!.status).toBeUndefined();
  });

  it('slow-headers: holds the answer back for the given time', async () => {
    emulator().enqueue({ kind: 'slow-headers', ms: 200 });
    const started = performance.now();
    const res = await post(completions(), chat('x'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.status).toBe(200);
  });

  it('truncate-stream: ends the stream after N chunks, without finish reason or [DONE]', async () => {
    emulator().enqueue({ kind: 'truncate-stream', afterChunks: 3 });
    const text = await (
      await post(completions(), chat('x [emulator:answer-bytes=2000]', { stream: true }))
    ).text();
    const data = sseData(text);
    expect(data).toHaveLength(3);
    expect(data).not.toContain('[DONE]');
    expect(data.map((d) => JSON.parse(d).choices[0].finish_reason)).toEqual([null, null, null]);
  });

  it('truncate-stream waits for a streaming request, and plain requests leave it queued', async () => {
    emulator().enqueue({ kind: 'truncate-stream', afterChunks: 0 });
    expect((await post(completions(), chat('x'))).status).toBe(200);
    expect(await (await post(completions(), chat('x', { stream: true }))).text()).toBe('');
  });

  it('malformed-json: answers 200 with a body that is not JSON', async () => {
    emulator().enqueue({ kind: 'malformed-json' });
    const res = await post(completions(), chat('x'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('latency: is added before every API answer', async () => {
    emulator().configure({ latencyMs: 150 });
    const started = performance.now();
    await (await get(`${emulator().url}/v1/models`)).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses a malformed fault in code, naming the field', () => {
    expect(() => emulator().enqueue({ kind: 'status', status: 99 } as never)).toThrow(/faults\[0\]\.status/);
    expect(() => emulator().enqueue({ kind: 'drop', when: 'later' } as never)).toThrow(
      /before-body or after-body/,
    );
    expect(() => emulator().enqueue({ kind: 'explode' } as never)).toThrow(/not a fault/);
    expect(emulator().pendingFaults()).toEqual([]);
  });
});
