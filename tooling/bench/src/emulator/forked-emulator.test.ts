import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareLogs } from '../soak/checks.js';
import { type ForkedEmulator, forkEmulator } from './forked-emulator.js';

// The soak compares the emulator's own request log with what its process saw on the wire. An answer
// cut after its headers (a stream the client leaves, or one whose client gave up just as the emulator
// answered) must count the same on both sides: the status line went out, the answer did not finish.
describe('the forked emulator, watched on the wire', () => {
  let emulator: ForkedEmulator;
  const agent = new Agent({ connections: 2 });
  beforeAll(async () => {
    emulator = await forkEmulator({ streamDelayMs: 5 });
  });
  afterAll(async () => {
    await agent.close();
    await emulator?.close();
  });

  const send = (tag: string, body: Record<string, unknown>) =>
    request(`${emulator.url}/v1/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        authorization: 'Bearer sk-test-not-a-real-key',
        'content-type': 'application/json',
        'x-soak-tag': tag,
      },
      body: JSON.stringify({ model: 'gpt-5.4-pro', ...body }),
    });

  it('records a stream left after its headers as answered 200 and unfinished, in both views', async () => {
    const whole = await send('whole', { prompt: 'short' });
    await whole.body.text();
    const cut = await send('cut', { prompt: '[emulator:answer-bytes=400000]', stream: true });
    expect(cut.statusCode).toBe(200);
    cut.body.destroy();

    let snapshot = await emulator.snapshot();
    for (let i = 0; i < 250 && snapshot.observed?.find((r) => r.tag === 'cut')?.dropped !== true; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      snapshot = await emulator.snapshot();
    }
    expect(snapshot.observed).toEqual([
      expect.objectContaining({ tag: 'whole', status: 200, finished: true }),
      expect.objectContaining({ tag: 'cut', status: 200, dropped: true }),
    ]);
    expect(snapshot.observed?.[1]?.finished).toBeUndefined();
    expect(snapshot.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(compareLogs(snapshot.requests, snapshot.observed ?? [])).toEqual([]);
  });
});
