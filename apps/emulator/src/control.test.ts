import { describe, expect, it } from 'vitest';
import { chat, del, get, post, useEmulator } from './test-utils/http.js';

const emulator = useEmulator({ jobDurationMs: 1500 });
const control = (path: string) => `${emulator().url}/_emulator/${path}`;
const completions = () => `${emulator().url}/v1/chat/completions`;

describe('/_emulator/ control surface', () => {
  it('queues faults over HTTP, lists and clears them', async () => {
    const res = await post(control('faults'), {
      faults: [
        { kind: 'status', status: 429, retryAfter: 1 },
        { kind: 'malformed-json', match: { path: '/v1/models' } },
      ],
    });
    expect(res.status).toBe(200);
    expect((await res.json()).faults).toHaveLength(2);
    expect((await post(completions(), chat('x'))).status).toBe(429);
    expect((await (await get(control('faults'), null)).json()).faults).toEqual([
      { kind: 'malformed-json', match: { path: '/v1/models' } },
    ]);
    await del(control('faults'));
    expect(emulator().pendingFaults()).toEqual([]);
  });

  it('refuses a bad fault with 400 naming it, and queues none of the batch', async () => {
    const res = await post(control('faults'), {
      faults: [{ kind: 'status', status: 503 }, { kind: 'slow-headers' }],
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('faults[1].ms: must be a whole number of ms');
    expect(emulator().pendingFaults()).toEqual([]);
  });

  it('sets and reads the config, refusing unknown settings', async () => {
    const set = await (
      await post(control('config'), { latencyMs: 5, streamDelayMs: 1, jobDurationMs: 10 })
    ).json();
    expect(set).toEqual({ latencyMs: 5, streamDelayMs: 1, jobDurationMs: 10 });
    expect(await (await get(control('config'), null)).json()).toEqual(set);
    const bad = await post(control('config'), { latency: 5 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('latency: is not a setting');
    expect((await post(control('config'), { jobDurationMs: -1 })).status).toBe(400);
  });

  it('resets requests, faults, jobs and settings', async () => {
    const created = await (await post(completions(), chat('x', { background: true }))).json();
    emulator().enqueue({ kind: 'status', status: 500 });
    emulator().configure({ latencyMs: 50 });
    const res = await post(control('reset'), {});
    expect(res.status).toBe(200);
    expect(emulator().requests()).toEqual([]);
    expect(emulator().pendingFaults()).toEqual([]);
    expect(emulator().config()).toEqual({ latencyMs: 0, streamDelayMs: 0, jobDurationMs: 1500 });
    const gone = await get(`${emulator().url}/v1/responses/${created.id}`);
    expect(gone.status).toBe(404);
  });

  it('is neither logged nor subject to faults, and answers unknown control routes with 404', async () => {
    emulator().enqueue({ kind: 'drop', when: 'before-body' });
    expect((await get(control('requests'), null)).status).toBe(200);
    expect((await get(control('nothing'), null)).status).toBe(404);
    expect(emulator().requests()).toEqual([]);
    expect(emulator().pendingFaults()).toHaveLength(1);
  });

  it('proves a POST was sent once', async () => {
    await post(completions(), chat('once'));
    const log = await (await get(control('requests'), null)).json();
    expect(log.filter((r: { method: string }) => r.method === 'POST')).toHaveLength(1);
  });
});
