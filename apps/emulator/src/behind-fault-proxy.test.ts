import { type FaultProxy, startFaultProxy } from '@modelstream-kit/testkit';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chat, KEY, sseData, useEmulator } from './test-utils/http.js';

// The project's own fault proxy in front of the emulator: faults at bytes the emulator cannot choose.
const emulator = useEmulator({ jobDurationMs: 0 });
let proxy: FaultProxy;
let agent: Agent | undefined;
beforeAll(async () => {
  proxy = await startFaultProxy({ target: emulator().url });
});
afterEach(async () => {
  proxy.clear();
  await agent?.close();
  agent = undefined;
});
afterAll(() => proxy.close());

async function send(path: string, body?: unknown) {
  agent ??= new Agent({ connections: 1 });
  const res = await request(`${proxy.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    dispatcher: agent,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('the emulator behind the fault proxy', () => {
  it('streams intact through 1-3 byte writes', async () => {
    const body = chat('split [emulator:answer-bytes=300]', { stream: true });
    proxy.enqueue({ action: 'split' });
    const split = await send('/v1/chat/completions', body);
    const plain = await send('/v1/chat/completions', body);
    const text = (t: string) =>
      sseData(t)
        .filter((d) => d !== '[DONE]')
        .map((d) => JSON.parse(d).choices[0]?.delta?.content ?? '')
        .join('');
    expect(text(split.text)).toBe(text(plain.text));
    expect(sseData(split.text).at(-1)).toBe('[DONE]');
  });

  it('resets the 2nd poll of a job on a kept-alive connection after 10 bytes; the POST went once', async () => {
    const job = JSON.parse((await send('/v1/chat/completions', chat('x', { background: true }))).text);
    proxy.enqueue({
      match: { method: 'GET', path: '/v1/responses/', nth: 2 },
      action: 'reset',
      afterBytes: 10,
    });
    expect((await send(`/v1/responses/${job.id}`)).status).toBe(200);
    await expect(send(`/v1/responses/${job.id}`)).rejects.toThrow();
    await agent?.close();
    agent = new Agent({ connections: 1 });
    expect(JSON.parse((await send(`/v1/responses/${job.id}`)).text).status).toBe('completed');
    expect(
      emulator()
        .requests()
        .filter((r) => r.method === 'POST'),
    ).toHaveLength(1);
    expect(proxy.requests().map((r) => [r.method, r.connection, r.action ?? null])).toEqual([
      ['POST', 1, null],
      ['GET', 1, null],
      ['GET', 1, 'reset'],
      ['GET', 2, null],
    ]);
    expect(JSON.stringify(proxy.requests())).not.toContain(KEY);
  });

  it('corrupts one data line of a stream, the framing intact', async () => {
    proxy.enqueue({ action: 'corrupt', dataLine: 2 });
    const res = await send('/v1/chat/completions', chat('x', { stream: true }));
    const data = sseData(res.text);
    expect(() => JSON.parse(data[1]!)).toThrow();
    expect(data.at(-1)).toBe('[DONE]');
  });
});
