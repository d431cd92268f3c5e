import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AnswerOutput } from './output.js';
import { chatPosts, errorOf, FAKE_KEY, useZapier, zapierFields } from './test-utils/harness.js';

// A step budget of 10 s: these tests are about what each fault becomes, not the budget, and five
// attempts must fit in it on a busy machine.
const h = useZapier({ budgetMs: 10_000 });
const sendPrompt = () =>
  h.app.creates?.send_prompt?.operation.perform as (z: ZObject, b: Bundle) => Promise<AnswerOutput>;
const prompt = { prompt: 'Fault test [emulator:job-ms=20]' };
const onPost = { method: 'POST', path: '/v1/chat/completions' } as const;

describe('Send Prompt under faults (real Zapier middleware, emulator over loopback)', () => {
  it('401: the connection is marked expired, with how to reconnect; not retried', async () => {
    const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt, { key: 'sk-emulator-401' })));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('(401)');
    expect(error.message).toContain('Reconnect');
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('402: "ModelStream quota exhausted", halted (no autoreplay, not counted toward turning the Zap off), never retried', async () => {
    const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt, { key: 'sk-emulator-402' })));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('ModelStream quota exhausted');
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('403: permission_denied with what to check', async () => {
    const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt, { key: 'sk-emulator-403' })));
    expect(zapierFields(error)).toMatchObject({ code: 'permission_denied', status: 403 });
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it("429 with a Retry-After longer than the step: Zapier's ThrottledError with the server's delay", async () => {
    h.emulator().enqueue({ kind: 'status', status: 429, retryAfter: 30, match: onPost });
    const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt)));
    expect(error.name).toBe('ThrottledError');
    expect(zapierFields(error).delay).toBe(30);
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('429 with a short Retry-After: waited out within the step, then the answer', async () => {
    h.emulator().enqueue({ kind: 'status', status: 429, retryAfterMs: 50, match: onPost });
    const out = await h.tester(sendPrompt(), h.bundle(prompt));
    expect(out.status).toBe('completed');
    expect(chatPosts(h.emulator())).toHaveLength(2);
  });

  it('500 then success: retried by the core, the user sees the answer', async () => {
    h.emulator().enqueue({ kind: 'status', status: 500, match: onPost });
    const out = await h.tester(sendPrompt(), h.bundle(prompt));
    expect(out.status).toBe('completed');
    expect(chatPosts(h.emulator())).toHaveLength(2);
  });

  it('500 every time: retries run out, then a clear server_error', async () => {
    h.emulator().enqueue(
      ...Array.from({ length: 8 }, () => ({ kind: 'status' as const, status: 500, match: onPost })),
    );
    const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt)));
    expect(zapierFields(error)).toMatchObject({ code: 'server_error', status: 500 });
    expect(String(zapierFields(error).message)).toContain('upstream failure (500)');
    expect(chatPosts(h.emulator())).toHaveLength(5);
  });

  it('a connection dropped after the POST was sent is not sent again (it may be running)', async () => {
    h.emulator().enqueue({ kind: 'drop', when: 'after-body', match: onPost });
    const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt)));
    expect(zapierFields(error).code).toBe('may_have_run');
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('no error carries the key', async () => {
    for (const key of ['sk-emulator-401', 'sk-emulator-402', 'sk-emulator-403']) {
      const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt, { key })));
      expect(`${error.message} ${error.stack}`).not.toContain(key);
    }
    h.emulator().enqueue(
      ...Array.from({ length: 8 }, () => ({
        kind: 'status' as const,
        status: 500,
        message: `server echoed ${FAKE_KEY}`,
        match: onPost,
      })),
    );
    const error = await errorOf(h.tester(sendPrompt(), h.bundle(prompt)));
    expect(error.message).not.toContain(FAKE_KEY);
  });
});
