import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AnswerOutput } from './output.js';
import { captureZapierLogs, errorOf, FAKE_KEY, useZapier } from './test-utils/harness.js';

const h = useZapier();
type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
const sendPrompt = () => h.app.creates?.send_prompt?.operation.perform as Perform<AnswerOutput>;
const find = () => h.app.searches?.find_completion?.operation.perform as Perform<AnswerOutput[]>;

describe('the API key stays secret', () => {
  it("is sent to ModelStream, yet appears in no output and none of Zapier's HTTP or console logs", async () => {
    const logs = captureZapierLogs();
    const answer = await h.tester(sendPrompt(), h.bundle({ prompt: 'Quick [emulator:job-ms=20]' }));
    const pending = await h.tester(sendPrompt(), h.bundle({ prompt: 'Slow [emulator:job-ms=8000]' }));
    const found = await errorOf(h.tester(find(), h.bundle({ id: pending.id })));
    const authTest = h.app.authentication?.test as Perform<unknown>;
    await h.tester(authTest, h.bundle());

    expect(h.emulator().requests().length).toBeGreaterThan(3);
    expect(
      h
        .emulator()
        .requests()
        .every((r) => r.hasKey),
    ).toBe(true);
    // Zapier's logger recorded every request (URL, body, answer)...
    expect(logs.text()).toContain('/v1/chat/completions');
    expect(logs.text()).toContain(`/v1/responses/${pending.id}`);
    // ...and the key is nowhere: not in outputs, errors or logs.
    for (const seen of [JSON.stringify(answer), JSON.stringify(pending), found.message, logs.text()]) {
      expect(seen).not.toContain(FAKE_KEY);
    }
  });
});
