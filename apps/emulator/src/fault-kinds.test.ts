import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { chat, get, KEY, post, sseData, useEmulator } from './test-utils/http.js';

const emulator = useEmulator({ jobDurationMs: 0 });
const completions = () => `${emulator().url}/v1/chat/completions`;
const AUTH = `Bearer ${KEY}`;

/** A raw POST that leaves the body as sent (no decompression), read whole. */
async function rawPost(body: unknown, headers: Record<string, string> = {}) {
  const res = await request(completions(), {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
}

describe('stream-error', () => {
  it('sends an error event after N chunks, without finish reason or [DONE]', async () => {
    emulator().enqueue({
      kind: 'stream-error',
      afterChunks: 3,
      code: 'upstream_failed',
      message: 'GPU lost',
    });
    const data = sseData(
      await (await post(completions(), chat('x [emulator:answer-bytes=2000]', { stream: true }))).text(),
    );
    expect(data).toHaveLength(4);
    expect(data.slice(0, 3).map((d) => JSON.parse(d).choices[0].finish_reason)).toEqual([null, null, null]);
    expect(JSON.parse(data[3]!)).toEqual({
      error: { message: 'GPU lost', type: 'server_error', param: null, code: 'upstream_failed' },
    });
    expect(emulator().requests()[0]).toMatchObject({ status: 200, stream: true });
  });

  it('sends the usage of the text so far before the error when asked', async () => {
    emulator().enqueue({ kind: 'stream-error', afterChunks: 5, usage: true });
    const data = sseData(
      await (await post(completions(), chat('x [emulator:answer-bytes=2000]', { stream: true }))).text(),
    );
    expect(data).toHaveLength(7);
    const usage = JSON.parse(data[5]!);
    expect(usage.choices).toEqual([]);
    const full = await (await post(completions(), chat('x [emulator:answer-bytes=2000]'))).json();
    expect(usage.usage.prompt_tokens).toBe(full.usage.prompt_tokens);
    expect(usage.usage.completion_tokens).toBeGreaterThan(
      full.usage.completion_tokens_details.reasoning_tokens,
    );
    expect(usage.usage.completion_tokens).toBeLessThan(full.usage.completion_tokens);
    expect(JSON.parse(data[6]!).error).toMatchObject({ type: 'server_error', code: 'stream_error' });
  });

  it('is a stream fault: plain requests leave it queued', async () => {
    emulator().enqueue({ kind: 'stream-error', afterChunks: 1 });
    expect((await post(completions(), chat('x'))).status).toBe(200);
    expect(emulator().pendingFaults()).toHaveLength(1);
  });
});

describe('corrupt-stream-line', () => {
  it('sends chunk N as a data line that is not JSON, and the rest of the stream as usual', async () => {
    const body = chat('x [emulator:answer-bytes=500]', { stream: true });
    const clean = sseData(await (await post(completions(), body)).text());
    emulator().enqueue({ kind: 'corrupt-stream-line', atChunk: 2 });
    const data = sseData(await (await post(completions(), body)).text());
    expect(data).toHaveLength(clean.length);
    expect(data.at(-1)).toBe('[DONE]');
    expect(() => JSON.parse(data[1]!)).toThrow();
    expect(JSON.parse(clean[1]!).choices[0].delta.content).toBeTruthy();
    // The same event, cut in the middle (ids and timestamps differ between two requests).
    const norm = (d: string) => d.replace(/chatcmpl-\w+/, 'ID').replace(/"created":\d+/, 'T');
    expect(norm(clean[1]!).startsWith(norm(data[1]!))).toBe(true);
    const others = (list: string[]) => list.filter((_, i) => i !== 1).map(norm);
    expect(others(data)).toEqual(others(clean));
  });
});

describe('echo-key', () => {
  it('echoes the Authorization header in every field of the error and in x-request-id', async () => {
    emulator().enqueue({ kind: 'echo-key' });
    const res = await post(completions(), chat('x'));
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe(AUTH);
    const { error } = await res.json();
    for (const field of ['message', 'code', 'param', 'type']) expect(error[field]).toContain(KEY);
  });

  it('takes a status, and applies to polls', async () => {
    const job = await (await post(completions(), chat('x', { background: true }))).json();
    emulator().enqueue({ kind: 'echo-key', status: 503, match: { method: 'GET', path: '/v1/responses/' } });
    const res = await get(`${emulator().url}/v1/responses/${job.id}`);
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain(KEY);
  });

  it('where: answer puts the key in a 200 answer text and raw fields', async () => {
    emulator().enqueue({ kind: 'echo-key', where: 'answer' });
    const res = await post(completions(), chat('x'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(AUTH);
    const body = await res.json();
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message.content).toContain(KEY);
    expect(body.echo.authorization).toBe(AUTH);
  });

  it('where: answer streams the key to a streaming request, and completes a polled job with it', async () => {
    emulator().enqueue({ kind: 'echo-key', where: 'answer' });
    const data = sseData(await (await post(completions(), chat('x', { stream: true }))).text());
    const text = data
      .filter((d) => d !== '[DONE]')
      .map((d) => JSON.parse(d).choices[0]?.delta?.content ?? '')
      .join('');
    expect(text).toContain(KEY);
    const job = await (await post(completions(), chat('x', { background: true }))).json();
    emulator().enqueue({ kind: 'echo-key', where: 'answer', match: { method: 'GET' } });
    const polled = await (await get(`${emulator().url}/v1/responses/${job.id}`)).json();
    expect(polled).toMatchObject({ id: job.id, object: 'response', status: 'completed' });
    expect(polled.output_text).toContain(KEY);
    expect(polled.metadata.authorization).toBe(AUTH);
  });

  it('never keeps the key: the request log records only the fault', async () => {
    emulator().enqueue({ kind: 'echo-key' });
    await (await post(completions(), chat('x'))).text();
    expect(emulator().requests()[0]).toMatchObject({ fault: 'echo-key', hasKey: true });
    expect(JSON.stringify(emulator().requests())).not.toContain(KEY);
  });
});

describe('gzip-unasked', () => {
  it('answers a gzip-compressed JSON body with content-encoding gzip though none was asked', async () => {
    emulator().enqueue({ kind: 'gzip-unasked' });
    const res = await rawPost(chat('squeeze me'));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(() => JSON.parse(res.body.toString('utf8'))).toThrow();
    const body = JSON.parse(gunzipSync(res.body).toString('utf8'));
    expect(body.choices[0].message.content).toContain('squeeze me');
    expect((await rawPost(chat('x'))).headers['content-encoding']).toBeUndefined();
  });

  it('compresses a stream as a whole', async () => {
    emulator().enqueue({ kind: 'gzip-unasked' });
    const res = await rawPost(chat('x', { stream: true }));
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(sseData(gunzipSync(res.body).toString('utf8')).at(-1)).toBe('[DONE]');
  });
});

describe('huge-body', () => {
  async function sizeOf(url: string, init: Parameters<typeof request>[1]) {
    const res = await request(url, init);
    let bytes = 0;
    let head = '';
    for await (const chunk of res.body) {
      if (head.length < 200) head += chunk.toString('utf8').slice(0, 200);
      bytes += chunk.length;
    }
    return { status: res.statusCode, headers: res.headers, bytes, head };
  }
  const postInit = {
    method: 'POST' as const,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(chat('x')),
  };

  it('sends a 200 of exactly N bytes with its content-length', async () => {
    emulator().enqueue({ kind: 'huge-body', bytes: 20_000_000 });
    const res = await sizeOf(completions(), postInit);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('20000000');
    expect(res.bytes).toBe(20_000_000);
    expect(res.head).toMatch(/^\{"id":"chatcmpl-emulator-huge","object":"chat.completion"/);
  });

  it('is valid JSON of the route shape when small, a 5xx error object, and chunked on request', async () => {
    emulator().enqueue({ kind: 'huge-body', bytes: 1000 });
    const small = await post(completions(), chat('x'));
    const text = await small.text();
    expect(Buffer.byteLength(text)).toBe(1000);
    expect(JSON.parse(text).choices[0].message.content).toMatch(/^x+$/);

    emulator().enqueue({ kind: 'huge-body', bytes: 3_000_000, status: 502, chunked: true });
    const error = await sizeOf(completions(), postInit);
    expect(error.status).toBe(502);
    expect(error.headers['content-length']).toBeUndefined();
    expect(error.headers['transfer-encoding']).toBe('chunked');
    expect(error.bytes).toBe(3_000_000);
    expect(error.head).toMatch(/^\{"error":\{"type":"server_error"/);
  });
});

describe('status with Retry-After in the past', () => {
  it('sends the past HTTP date as given', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    emulator().enqueue({ kind: 'status', status: 429, retryAfter: past });
    const res = await post(completions(), chat('x'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(past);
    expect(new Date(res.headers.get('retry-after')!).getTime()).toBeLessThan(Date.now());
  });
});

describe('validation of the new kinds', () => {
  it.each([
    [{ kind: 'stream-error' }, 'faults[0].afterChunks: must be a whole number'],
    [{ kind: 'stream-error', afterChunks: 1, usage: 'yes' }, 'faults[0].usage: must be true or false'],
    [{ kind: 'stream-error', afterChunks: 1, code: 5 }, 'faults[0].code: must be a string'],
    [{ kind: 'corrupt-stream-line', atChunk: 0 }, 'faults[0].atChunk: must be a whole number >= 1'],
    [{ kind: 'echo-key', where: 'logs' }, 'faults[0].where: "logs" is not allowed; use error or answer'],
    [{ kind: 'echo-key', status: 200 }, 'faults[0].status: 200 is not allowed; use 400..599'],
    [{ kind: 'huge-body' }, 'faults[0].bytes: must be a whole number >= 1'],
    [{ kind: 'huge-body', bytes: 10, status: 99 }, 'faults[0].status: 99 is not allowed; use 200..599'],
    [{ kind: 'huge-body', bytes: 10, chunked: 1 }, 'faults[0].chunked: must be true or false'],
  ])('refuses %j', async (fault, message) => {
    expect(() => emulator().enqueue(fault as never)).toThrow(message);
    const res = await post(`${emulator().url}/_emulator/faults`, { faults: [fault] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain(message);
    expect(emulator().pendingFaults()).toEqual([]);
  });
});
