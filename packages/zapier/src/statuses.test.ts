import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { CancelOutput } from './creates/cancel-completion.js';
import type { AnswerOutput } from './output.js';
import { chatPosts, errorOf, useZapier, zapierFields } from './test-utils/harness.js';

// Issue 13, defects 1-4, 6 and 7: what each step reports is what ModelStream says.
const h = useZapier();
type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
const send = () => h.app.creates?.send_prompt?.operation.perform as Perform<AnswerOutput>;
const cancel = () => h.app.creates?.cancel_completion?.operation.perform as Perform<CancelOutput>;
const find = () => h.app.searches?.find_completion?.operation.perform as Perform<AnswerOutput[]>;
const authTest = () => h.app.authentication?.test as Perform<Record<string, unknown>>;

describe('statuses that tell the truth', () => {
  it('cancelling a job that already finished says so: status completed, nothing cancelled', async () => {
    const done = await h.tester(send(), h.bundle({ prompt: 'x [emulator:job-ms=20]' }));
    expect(done.status).toBe('completed');
    const out = await h.tester(cancel(), h.bundle({ id: done.id }));
    expect(out).toMatchObject({
      id: done.id,
      status: 'completed',
      job_status: 'completed',
      cancelled: false,
    });
    expect(out.note).toContain('already ended');
  });

  it('an answer cut at max_output_tokens is incomplete, with the reason, and an empty one cannot be missed', async () => {
    const out = await h.tester(
      send(),
      h.bundle({ prompt: 'x [emulator:job-ms=20]', advanced_options: 'true', max_output_tokens: '16' }),
    );
    expect(out).toMatchObject({
      status: 'incomplete',
      job_status: 'incomplete',
      incomplete_reason: 'max_output_tokens',
      finish_reason: 'length',
    });
    expect(out.answer_empty).toBe(out.text.trim() === '');
    expect(out.note).toMatch(
      out.answer_empty ? /^EMPTY ANSWER: .*Max Output Tokens/ : /cut at Max Output Tokens/,
    );
    // The same job collected later tells the same story.
    const [again] = await h.tester(find(), h.bundle({ id: out.id }));
    expect(again).toMatchObject({ status: 'incomplete', incomplete_reason: 'max_output_tokens' });
  });

  it('an answer with no text at all is flagged empty in a field and in the note', async () => {
    const out = await h.tester(
      send(),
      h.bundle({
        prompt: 'x [emulator:job-ms=20]',
        advanced_options: 'true',
        reasoning_effort: 'xhigh',
        max_output_tokens: '1',
      }),
    );
    expect(out.text).toBe('');
    expect(out.answer_empty).toBe(true);
    expect(out.note).toMatch(/^EMPTY ANSWER/);
  });

  it('"If It Is Still Running" refuses a value it does not know, before any request', async () => {
    const error = await errorOf(h.tester(find(), h.bundle({ id: 'resp_1', if_not_ready: 'sometimes' })));
    expect(zapierFields(error)).toMatchObject({ code: 'invalid_input' });
    expect(String(zapierFields(error).message)).toBe(
      'if_not_ready: "sometimes" is not allowed; use wait or return_pending',
    );
    expect(h.emulator().requests()).toEqual([]);
  });

  it('raw keeps ModelStream’s payload small: no second or third copy of the answer', async () => {
    const out = await h.tester(
      send(),
      h.bundle({ prompt: 'x [emulator:job-ms=20] [emulator:answer-bytes=3000]' }),
    );
    expect(out.text.length).toBeGreaterThanOrEqual(3000);
    const raw = JSON.stringify(out.raw);
    expect(raw).not.toContain(out.text.slice(0, 200));
    expect(out.raw).toMatchObject({ id: out.id, status: 'completed' });
    expect(out.raw.output_items).toContain('message');
    expect(JSON.stringify(out).length).toBeLessThan(out.text.length + 3000);
  });
});

describe('a base URL with a path', () => {
  it('a trailing /v1 just works (the core drops it)', async () => {
    const base = `${h.emulator().url}/v1`;
    expect(await h.tester(authTest(), h.bundle({}, { baseUrl: base }))).toMatchObject({ has_model: true });
    const out = await h.tester(send(), h.bundle({ prompt: 'x [emulator:job-ms=20]' }, { baseUrl: base }));
    expect(out.status).toBe('completed');
  });

  it('any other path: the 404 comes with the fix, in the connection test and in a step', async () => {
    const base = `${h.emulator().url}/api/v1`;
    for (const [perform, input] of [
      [authTest(), {}],
      [send(), { prompt: 'x' }],
    ] as const) {
      const error = await errorOf(h.tester(perform as Perform<unknown>, h.bundle(input, { baseUrl: base })));
      expect(String(zapierFields(error).message)).toContain(
        'Base URL ends in a path (/api): the app adds /v1/',
      );
    }
    expect(chatPosts(h.emulator())).toHaveLength(0);
  });
});

describe('JSON answers can be mapped in the Zap editor', () => {
  const input = {
    prompt: 'Return a JSON object',
    advanced_options: 'true',
    response_format: 'json_object',
    json_example: '{"title": "x", "meta": {"score": 3, "ok": true}, "tags": ["a"]}',
  };

  it('the editor’s test returns the JSON Example’s keys as json__ fields, calling nothing', async () => {
    const out = await h.tester(send(), h.bundle(input, { sample: true }));
    expect(out).toMatchObject({
      json__title: 'x',
      json__meta__score: 3,
      json__meta__ok: true,
      json__tags: ['a'],
    });
    expect(h.emulator().requests()).toEqual([]);
  });

  it('the step declares those fields (typed) before the first run', async () => {
    const fields = h.app.creates?.send_prompt?.operation.outputFields ?? [];
    const dynamic = fields.find((f) => typeof f === 'function') as (
      z: ZObject,
      b: Bundle,
    ) => Promise<unknown>;
    const declared = (await h.tester(dynamic, h.bundle(input))) as { key: string; type?: string }[];
    expect(declared).toEqual([
      { key: 'json__title', label: 'JSON: title' },
      { key: 'json__meta__score', label: 'JSON: meta › score', type: 'number' },
      { key: 'json__meta__ok', label: 'JSON: meta › ok', type: 'boolean' },
      { key: 'json__tags', label: 'JSON: tags' },
    ]);
  });

  it('a JSON Example that is not an object is refused, naming the field', async () => {
    const error = await errorOf(h.tester(send(), h.bundle({ ...input, json_example: '[1, 2' })));
    expect(String(zapierFields(error).message)).toMatch(/^json_example: .* is not a JSON object/);
    expect(h.emulator().requests()).toEqual([]);
  });

  it('the real answer carries json__ fields the same way', async () => {
    const out = await h.tester(send(), h.bundle({ ...input, prompt: 'JSON [emulator:job-ms=20]' }));
    expect(out.json__emulator).toBe(true);
  });
});
