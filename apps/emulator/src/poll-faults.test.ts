import { describe, expect, it } from 'vitest';
import { chat, get, post, useEmulator } from './test-utils/http.js';

// Every request fault applies to a poll when it matches `GET /v1/responses/`; the job itself is untouched.
const emulator = useEmulator({ jobDurationMs: 0 });
const POLL = { method: 'GET', path: '/v1/responses/' };

async function startJob(): Promise<string> {
  const created = await (
    await post(`${emulator().url}/v1/chat/completions`, chat('x', { background: true }))
  ).json();
  return created.id;
}
const poll = (id: string) => get(`${emulator().url}/v1/responses/${id}`);

describe('faults on polls', () => {
  it('drop: the poll gets no answer, and the next poll finds the job', async () => {
    const id = await startJob();
    emulator().enqueue({ kind: 'drop', when: 'after-body', match: POLL });
    await expect(poll(id)).rejects.toThrow();
    expect((await (await poll(id)).json()).status).toBe('completed');
    expect(emulator().requests()[1]).toMatchObject({ method: 'GET', fault: 'drop' });
    expect(emulator().requests()[1]!.status).toBeUndefined();
  });

  it('slow-headers: the poll answers late', async () => {
    const id = await startJob();
    emulator().enqueue({ kind: 'slow-headers', ms: 150, match: POLL });
    const started = performance.now();
    const res = await poll(id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect((await res.json()).id).toBe(id);
  });

  it('malformed-json: the poll answers 200 with a body that is not JSON', async () => {
    const id = await startJob();
    emulator().enqueue({ kind: 'malformed-json', match: POLL });
    const res = await poll(id);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"object":"chat.completion"');
    expect(() => JSON.parse(text)).toThrow();
    expect((await poll(id)).status).toBe(200);
  });

  it.each([
    [500, 'upstream_error'],
    [503, 'service_unavailable'],
    [429, 'rate_limit_exceeded'],
    [401, 'invalid_api_key'],
    [403, 'permission_denied'],
  ])('status %i: the poll answers it with %s, once', async (status, code) => {
    const id = await startJob();
    emulator().enqueue({ kind: 'status', status, match: POLL, ...(status === 429 ? { retryAfter: 1 } : {}) });
    const res = await poll(id);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
    if (status === 429) expect(res.headers.get('retry-after')).toBe('1');
    expect((await (await poll(id)).json()).status).toBe('completed');
  });

  it('huge-body: the poll answers a Responses-shaped body of N bytes', async () => {
    const id = await startJob();
    emulator().enqueue({ kind: 'huge-body', bytes: 2_000_000, match: POLL });
    const res = await poll(id);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(Buffer.byteLength(text)).toBe(2_000_000);
    expect(JSON.parse(text)).toMatchObject({ id, object: 'response', status: 'completed' });
  });

  it('leaves the POST that started the job alone', async () => {
    emulator().enqueue({ kind: 'status', status: 503, match: POLL });
    const id = await startJob();
    expect(id).toMatch(/^resp_/);
    expect(emulator().pendingFaults()).toHaveLength(1);
    expect((await poll(id)).status).toBe(503);
  });
});
