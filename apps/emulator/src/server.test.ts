import { getModelSpec, type ValidationError, validateParams } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './server.js';
import { chat, del, get, KEY, post, useEmulator } from './test-utils/http.js';

const emulator = useEmulator();
const completions = () => `${emulator().url}/v1/chat/completions`;

describe('POST /v1/chat/completions', () => {
  it("answers ModelStream's form with a chat.completion and computed usage", async () => {
    const res = await post(completions(), chat('Hello emulator', { reasoning_summary: 'concise' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    const body = await res.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-5.4-pro',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
      usage: { prompt_tokens_details: { cached_tokens: 0 } },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    const message = body.choices[0].message;
    expect(message.content).toContain('[ModelStream emulator]');
    expect(message.content).toContain('"Hello emulator"');
    expect(message.reasoning_content).toContain('Reading the request');
    const { usage } = body;
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(usage.completion_tokens_details.reasoning_tokens);
  });

  it("refuses invalid parameters with 400 and the core's validation message", async () => {
    const input = { prompt: 'x', reasoning_effort: 'low', verbosity: 'loud' };
    let expected = '';
    try {
      validateParams(getModelSpec('gpt-5.4-pro'), input);
    } catch (error) {
      expected = (error as ValidationError).message;
    }
    const res = await post(completions(), chat('x', input));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        message: expected,
        type: 'invalid_request_error',
        param: 'reasoning_effort',
        code: 'invalid_value',
      },
    });
    expect(expected).toContain('verbosity: "loud" is not allowed');
  });

  it('refuses an unknown model with 404, a body that is not JSON with 400', async () => {
    const unknown = await post(completions(), { model: 'gpt-2', prompt: 'x' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'model_not_found', param: 'model' });
    const broken = await post(completions(), '{"model": ');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid_json');
  });

  it("answers OpenAI's messages form in the same chat.completion shape", async () => {
    const res = await post(completions(), {
      model: 'gpt-5.4-pro',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Name a prime number.' },
      ],
      max_completion_tokens: 4000,
      response_format: { type: 'json_object' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.object).toBe('chat.completion');
    expect(JSON.parse(body.choices[0].message.content)).toMatchObject({
      emulator: true,
      prompt_start: 'Name a prime number.',
    });
  });

  it('sets finish_reason length when max_output_tokens is reached', async () => {
    const body = await (
      await post(completions(), chat('x [emulator:answer-bytes=5000]', { max_output_tokens: 300 }))
    ).json();
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(300);
  });

  it('delays one answer by [emulator:delay-ms=N]', async () => {
    const started = performance.now();
    await (await post(completions(), chat('slow [emulator:delay-ms=150]'))).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers with about N bytes for [emulator:answer-bytes=N]', async () => {
    const body = await (await post(completions(), chat('[emulator:answer-bytes=1000000]'))).json();
    expect(Buffer.byteLength(body.choices[0].message.content)).toBe(1_000_000);
    expect(body.usage.completion_tokens).toBeGreaterThan(150_000);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const small = await startEmulator({ port: 0, maxBodyBytes: 1000 });
    try {
      const res = await post(`${small.url}/v1/chat/completions`, chat('x'.repeat(5000)));
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe('request_too_large');
    } finally {
      await small.close();
    }
  });
});

describe('keys', () => {
  it('refuses a missing key and a key that does not start with sk- with 401', async () => {
    const missing = await post(completions(), chat('x'), { key: null });
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('missing_api_key');
    const wrong = await post(completions(), chat('x'), { key: 'pk-test-not-a-key' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('invalid_api_key');
  });

  it.each([
    ['sk-emulator-401', 401, 'invalid_api_key'],
    ['sk-emulator-402', 402, 'insufficient_quota'],
    ['sk-emulator-403', 403, 'permission_denied'],
  ])('answers the reserved key %s with %i %s', async (key, status, code) => {
    const res = await post(completions(), chat('x'), { key });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).not.toContain(key);
  });

  it('accepts any other sk- key, on every route', async () => {
    expect((await get(`${emulator().url}/v1/models`, 'sk-anything')).status).toBe(200);
    expect((await get(`${emulator().url}/v1/models`, null)).status).toBe(401);
  });
});

describe('request log', () => {
  it('records method, path, model, flags and whether a key was sent, never the key or the prompt', async () => {
    const lines: string[] = [];
    const loud = await startEmulator({ port: 0, quiet: false, log: (line) => lines.push(line) });
    try {
      await (
        await post(`${loud.url}/v1/chat/completions`, chat('secret prompt text', { stream: true }))
      ).text();
      await (
        await post(`${loud.url}/v1/chat/completions`, chat('x', { background: true }), { key: null })
      ).text();
      const log = loud.requests();
      expect(log).toEqual([
        expect.objectContaining({
          seq: 1,
          method: 'POST',
          path: '/v1/chat/completions',
          model: 'gpt-5.4-pro',
          stream: true,
          hasKey: true,
          status: 200,
        }),
        expect.objectContaining({ seq: 2, background: true, hasKey: false, status: 401 }),
      ]);
      expect(typeof log[0]!.receivedAt).toBe('number');
      const everything = JSON.stringify(log) + lines.join('\n');
      expect(everything).not.toContain(KEY);
      expect(everything).not.toContain('not-a-real-key');
      expect(everything).not.toContain('secret prompt');
      expect(lines[0]).toMatch(/^POST \/v1\/chat\/completions 200 \d+ms gpt-5.4-pro stream$/);
    } finally {
      await loud.close();
    }
  });

  it('is served at GET /_emulator/requests and cleared by DELETE', async () => {
    await post(completions(), chat('one'));
    const listed = await (await get(`${emulator().url}/_emulator/requests`, null)).json();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ seq: 1, method: 'POST' });
    expect((await del(`${emulator().url}/_emulator/requests`)).status).toBe(200);
    expect(emulator().requests()).toEqual([]);
  });
});

describe('other routes', () => {
  it("lists the catalogue's models", async () => {
    const body = await (await get(`${emulator().url}/v1/models`)).json();
    expect(body.object).toBe('list');
    expect(body.data.map((m: { id: string }) => m.id)).toEqual(['gpt-5.4-pro']);
    expect(body.data[0]).toMatchObject({
      object: 'model',
      context_window: 1_050_000,
      max_output_tokens: 128_000,
    });
  });

  it('answers unknown routes with 404 and an error object, with a request id', async () => {
    const res = await get(`${emulator().url}/v1/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect((await res.json()).error.code).toBe('unknown_url');
    expect((await get(`${emulator().url}/v1/chat/completions`)).status).toBe(404);
  });

  it('answers 200 parallel requests', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(completions(), chat(`question ${i}`, { stream: i % 2 === 0 })).then(async (r) => ({
          status: r.status,
          text: await r.text(),
        })),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.text.includes('data: [DONE]'))).toHaveLength(100);
    expect(answers[7]!.text).toContain('question 7');
    expect(emulator().requests()).toHaveLength(200);
  });
});
