import { describe, expect, it } from 'vitest';
import { chat, get, post, sseData, useEmulator } from './test-utils/http.js';

const emulator = useEmulator({ jobDurationMs: 0 });
const url = (path: string) => `${emulator().url}${path}`;
const completions = () => url('/v1/chat/completions');

describe('profile responses (the default)', () => {
  it('starts a job answered as a Responses object, polled and cancelled under /v1/responses/', async () => {
    expect(emulator().profile().profile).toBe('responses');
    const done = await (await post(completions(), chat('x', { background: true }))).json();
    expect(done).toMatchObject({
      object: 'response',
      status: 'completed',
      id: expect.stringMatching(/^resp_/),
    });
    expect((await (await get(url(`/v1/responses/${done.id}`))).json()).output_text).toContain('"x"');
    const running = await (
      await post(completions(), chat('long [emulator:job-ms=60000]', { background: true }))
    ).json();
    const cancelled = await post(url(`/v1/responses/${running.id}/cancel`), {});
    expect((await cancelled.json()).status).toBe('cancelled');
    expect((await get(url(`/v1/chat/completions/${running.id}`))).status).toBe(404);
  });
});

describe('profile sync-only', () => {
  it('ignores background and answers a finished chat completion after the job duration', async () => {
    emulator().setProfile('sync-only');
    const started = performance.now();
    const res = await post(completions(), chat('sync [emulator:job-ms=150]', { background: true }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ object: 'chat.completion', choices: [{ finish_reason: 'stop' }] });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.status).toBeUndefined();
    expect(body.choices[0].message.content).toContain('"sync"');
    expect(emulator().requests()[0]).toMatchObject({ background: true, status: 200 });
  });

  it('streams when asked to stream (background ignored), and has no poll or cancel route', async () => {
    emulator().setProfile('sync-only');
    const text = await (await post(completions(), chat('x', { background: true, stream: true }))).text();
    expect(sseData(text).at(-1)).toBe('[DONE]');
    const poll = await get(url('/v1/responses/resp_0123'));
    expect(poll.status).toBe(404);
    expect((await poll.json()).error.code).toBe('unknown_url');
    expect((await post(url('/v1/responses/resp_0123/cancel'), {})).status).toBe(404);
  });
});

describe('profile chat-job', () => {
  it('answers a chat-completion-shaped job with a status, polled at /v1/chat/completions/{id}', async () => {
    emulator().setProfile('chat-job');
    const queued = await (
      await post(completions(), chat('cj [emulator:job-ms=60000]', { background: true }))
    ).json();
    expect(queued).toMatchObject({ object: 'chat.completion', status: 'queued', choices: [], usage: null });
    expect(queued.id).toMatch(/^chatcmpl-/);
    const polled = await (await get(url(`/v1/chat/completions/${queued.id}`))).json();
    expect(polled).toMatchObject({ id: queued.id, status: 'queued' });
    const cancelled = await (await post(url(`/v1/chat/completions/${queued.id}/cancel`), {})).json();
    expect(cancelled).toMatchObject({ id: queued.id, status: 'cancelled', choices: [] });

    const done = await (await post(completions(), chat('cj done', { background: true }))).json();
    const finished = await (await get(url(`/v1/chat/completions/${done.id}`))).json();
    expect(finished).toMatchObject({
      object: 'chat.completion',
      status: 'completed',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
    });
    expect(finished.choices[0].message.content).toContain('"cj done"');
    expect(finished.usage.total_tokens).toBe(finished.usage.prompt_tokens + finished.usage.completion_tokens);
  });

  it('shows a job cut at max_output_tokens as completed with finish_reason length, a failed job with its error', async () => {
    emulator().setProfile('chat-job');
    const cut = await (
      await post(
        completions(),
        chat('[emulator:answer-bytes=9000]', { background: true, max_output_tokens: 200 }),
      )
    ).json();
    expect(await (await get(url(`/v1/chat/completions/${cut.id}`))).json()).toMatchObject({
      status: 'completed',
      choices: [{ finish_reason: 'length' }],
      usage: { completion_tokens: 200 },
    });
    emulator().enqueue({ kind: 'job-fails', message: 'no GPU' });
    const failed = await (await post(completions(), chat('x', { background: true }))).json();
    expect(await (await get(url(`/v1/chat/completions/${failed.id}`))).json()).toMatchObject({
      status: 'failed',
      error: { code: 'server_error', message: 'no GPU' },
      choices: [],
    });
  });

  it('has no /v1/responses/ routes, and an unknown id is a 404 not_found', async () => {
    emulator().setProfile('chat-job');
    const job = await (await post(completions(), chat('x', { background: true }))).json();
    expect((await get(url(`/v1/responses/${job.id}`))).status).toBe(404);
    expect((await post(url(`/v1/responses/${job.id}/cancel`), {})).status).toBe(404);
    const unknown = await get(url('/v1/chat/completions/chatcmpl-nope'));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'not_found', param: 'completion_id' });
    expect((await get(url(`/v1/chat/completions/${job.id}/cancel`))).status).toBe(404);
  });
});

describe('profile no-background', () => {
  it('refuses background: true with a 400 naming the parameter, and answers the rest', async () => {
    emulator().setProfile('no-background');
    const res = await post(completions(), chat('x', { background: true }));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({
      param: 'background',
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
    });
    expect(error.message).toMatch(/^background: .*background: false/);
    expect(emulator().pendingFaults()).toEqual([]);
    expect((await post(completions(), chat('x', { background: false }))).status).toBe(200);
    expect((await get(url('/v1/responses/resp_0123'))).status).toBe(404);
  });
});

describe('profile no-models', () => {
  it('answers GET /v1/models with 404, and everything else as responses does', async () => {
    emulator().setProfile('no-models');
    const models = await get(url('/v1/models'));
    expect(models.status).toBe(404);
    expect((await models.json()).error.code).toBe('unknown_url');
    const job = await (await post(completions(), chat('x', { background: true }))).json();
    expect(job.object).toBe('response');
    expect((await get(url(`/v1/responses/${job.id}`))).status).toBe(200);
    emulator().setProfile('responses');
    expect((await get(url('/v1/models'))).status).toBe(200);
  });
});
