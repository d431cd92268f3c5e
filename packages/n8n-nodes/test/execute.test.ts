import { gpt54Pro } from '@modelstream-kit/core';
import { startEmulator } from '@modelstream-kit/emulator';
import { useEmulator } from '@modelstream-kit/emulator/vitest';
import {
  type IDataObject,
  type INodeExecutionData,
  NodeApiError,
  NodeOperationError,
  sleep,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { executeModelStream } from '../nodes/ModelStream/execute';
import { type ContextOptions, createContext, itemsOf, TEST_KEY } from './n8n-context';

const emulator = useEmulator({ jobDurationMs: 0 });

const posts = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');

function run(options: Partial<ContextOptions> & { parameters: IDataObject; items?: INodeExecutionData[] }) {
  const context = createContext({
    items: options.items ?? itemsOf(1),
    credentials: options.credentials ?? { apiKey: TEST_KEY, baseUrl: emulator().url },
    ...options,
  });
  return { ...context, result: executeModelStream(context.ctx, gpt54Pro) };
}

/** Everything a person could see of a run: output items, error message, description, serialised error. */
function visible(value: unknown): string {
  if (value instanceof Error) {
    const e = value as Error & { description?: unknown; context?: unknown };
    return [e.message, String(e.description ?? ''), JSON.stringify(e), JSON.stringify(e.context ?? {})].join(
      '\n',
    );
  }
  return JSON.stringify(value);
}

describe('the item loop against the emulator', () => {
  it('answers each item in order, paired, with usage, through a background job by default', async () => {
    const { result, sent } = run({
      items: itemsOf(3),
      parameters: { operation: 'message', prompt: 'Say hi', options: {} },
      perItem: (i) => ({ prompt: `Item ${i}: say hi` }),
    });
    const out = await result;
    expect(out).toHaveLength(3);
    out.forEach((item, i) => {
      expect(item.pairedItem).toEqual({ item: i });
      expect(item.json.text).toEqual(expect.any(String));
      expect(item.json.text).toContain(`Item ${i}`);
      expect(item.json.usage).toMatchObject({ total_tokens: expect.any(Number) });
      expect((item.json.usage as IDataObject).total_tokens).toBeGreaterThan(0);
      expect(item.json).toMatchObject({ model: 'gpt-5.4-pro', finishReason: 'stop', id: expect.any(String) });
    });
    expect(posts()).toHaveLength(3);
    expect(posts().every((r) => r.background === true && r.hasKey)).toBe(true);
    // The key went out in n8n's way (the credential's authenticate), with an explicit timeout.
    expect(sent.every((r) => (r.headers as IDataObject).Authorization === `Bearer ${TEST_KEY}`)).toBe(true);
    expect(sent.every((r) => typeof r.timeout === 'number' && r.timeout > 0 && r.abortSignal)).toBe(true);
  });

  it('returns the raw response when Simplify Output is off, and JSON answers parsed', async () => {
    const raw = await run({
      parameters: { operation: 'message', prompt: 'Hi', simplify: false, options: { background: false } },
    }).result;
    expect(raw[0]?.json).toHaveProperty('choices');
    const json = await run({
      parameters: { operation: 'message', prompt: 'Give JSON', options: { responseFormat: 'json_object' } },
    }).result;
    expect(json[0]?.json.json).toEqual(expect.any(Object));
  });

  it('retries a 429 with its Retry-After, then answers', async () => {
    emulator().enqueue({
      kind: 'status',
      status: 429,
      retryAfterMs: 50,
      match: { path: '/v1/chat/completions' },
    });
    const out = await run({ parameters: { operation: 'message', prompt: 'Hi', options: {} } }).result;
    expect(out[0]?.json.text).toEqual(expect.any(String));
    expect(posts().map((r) => r.status)).toEqual([429, 200]);
  });

  it('fails a 402 at once with the core words, as a NodeApiError with the item index', async () => {
    emulator().enqueue({ kind: 'status', status: 402, match: { path: '/v1/chat/completions' } });
    const error = await run({
      items: itemsOf(1),
      parameters: { operation: 'message', prompt: 'Hi', options: {} },
    }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).message).toMatch(/quota exhausted \(402\)/);
    expect((error as NodeApiError).httpCode).toBe('402');
    expect((error as NodeApiError).context.itemIndex).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(visible(error)).not.toContain(TEST_KEY);
  });

  it('tells a rejected key to check the credential, without showing the key', async () => {
    const key = 'sk-emulator-401';
    const error = await run({
      credentials: { apiKey: key, baseUrl: emulator().url },
      parameters: { operation: 'message', prompt: 'Hi', options: {} },
    }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).message).toMatch(/rejected the API key \(401\)/);
    expect((error as NodeApiError).description).toMatch(/check the API key/i);
    expect(visible(error)).not.toContain(key);
  });

  it('with Continue on Fail, one bad item becomes an error item and the others are answered', async () => {
    const { result } = run({
      items: itemsOf(5),
      continueOnFail: true,
      parameters: { operation: 'message', prompt: 'Hi', options: { reasoningEffort: 'high' } },
      perItem: (i) => (i === 2 ? { options: { reasoningEffort: 'low' } } : { prompt: `Item ${i}` }),
    });
    const out = await result;
    expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
    expect(out.map((o) => ('error' in o.json ? 'error' : 'answer'))).toEqual([
      'answer',
      'answer',
      'error',
      'answer',
      'answer',
    ]);
    expect(out[2]?.json.error).toBe(
      'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
    expect(posts()).toHaveLength(4);
    expect(visible(out)).not.toContain(TEST_KEY);
  });

  it('without Continue on Fail, a bad item fails the node as NodeOperationError naming the item', async () => {
    const error = await run({
      items: itemsOf(3),
      parameters: { operation: 'message', prompt: 'Hi', options: {} },
      perItem: (i) => (i === 1 ? { options: { maxOutputTokens: 0 } } : {}),
    }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context.itemIndex).toBe(1);
    expect((error as Error).message).toMatch(/max_output_tokens: 0 is not allowed/);
  });

  it('turns a 402 among many into one error item under Continue on Fail; the others still answer', async () => {
    emulator().enqueue({
      kind: 'status',
      status: 402,
      code: 'insufficient_quota',
      match: { path: '/v1/chat/completions' },
    });
    const out = await run({
      items: itemsOf(4),
      continueOnFail: true,
      parameters: { operation: 'message', prompt: 'Hi', options: { concurrency: 1 } },
    }).result;
    expect(out[0]?.json).toMatchObject({
      status: 402,
      code: 'insufficient_quota',
      name: 'QuotaExceededError',
    });
    expect(out[0]?.json.error).toMatch(/quota exhausted/);
    expect(out.slice(1).every((o) => typeof o.json.text === 'string')).toBe(true);
  });

  it('runs items at most Concurrency at a time and keeps their order', async () => {
    const { result, maxInFlight } = run({
      items: itemsOf(6),
      parameters: { operation: 'message', prompt: 'Hi', options: { concurrency: 3, background: false } },
      // The first item is the slowest: its answer must still come first.
      perItem: (i) => ({
        prompt: i === 0 ? 'First [emulator:delay-ms=300]' : `Item ${i} [emulator:delay-ms=50]`,
      }),
    });
    const out = await result;
    expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
    expect(out[0]?.json.text).toContain('First');
    expect(maxInFlight()).toBe(3);
  });

  it('does not send a POST again when the connection drops after it was sent', async () => {
    emulator().enqueue({ kind: 'drop', when: 'after-body', match: { path: '/v1/chat/completions' } });
    const error = await run({
      parameters: { operation: 'message', prompt: 'Hi', options: { background: false } },
    }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as Error).message).toMatch(/may already be running upstream/);
    expect(posts()).toHaveLength(1);
  });

  it('retries a refused connection (the request never left) and then says it could not connect', async () => {
    const closed = await startEmulator({ port: 0 });
    const baseUrl = closed.url;
    await closed.close();
    const error = await run({
      credentials: { apiKey: TEST_KEY, baseUrl },
      parameters: { operation: 'message', prompt: 'Hi', options: { maxRetries: 1 } },
    }).result.catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Could not connect/);
  });
});

describe('the key stays secret', () => {
  it('appears in no error item, whatever goes wrong, even when the server echoes it', async () => {
    const path = '/v1/chat/completions';
    emulator().enqueue(
      { kind: 'status', status: 400, message: `Bad key ${TEST_KEY} in request`, match: { path } },
      { kind: 'status', status: 403, match: { path } },
      { kind: 'status', status: 500, message: `upstream saw Bearer ${TEST_KEY}`, match: { path } },
      { kind: 'drop', when: 'before-body', match: { path } },
      { kind: 'malformed-json', match: { path } },
      { kind: 'job-fails', message: `failed for ${TEST_KEY}` },
    );
    const out = await run({
      items: itemsOf(7),
      continueOnFail: true,
      parameters: { operation: 'message', prompt: 'Hi', options: { concurrency: 1, maxRetries: 0 } },
      perItem: (i) =>
        i === 6 ? { options: { reasoningEffort: TEST_KEY, concurrency: 1, maxRetries: 0 } } : {},
    }).result;
    expect(out.filter((o) => typeof o.json.error === 'string')).toHaveLength(7);
    expect(out.map((o) => o.json.status)).toEqual([400, 403, 500, undefined, 200, undefined, undefined]);
    expect(visible(out)).not.toContain(TEST_KEY);
    expect(visible(out)).not.toContain('not-a-real-key');
  });
});

describe('long answers', () => {
  it('hands back the pending job when Wait for Completion is off, and Get Job collects it', async () => {
    const started = await run({
      parameters: {
        operation: 'message',
        prompt: 'Think [emulator:job-ms=400]',
        waitForCompletion: false,
        options: {},
      },
    }).result;
    const job = started[0]?.json as IDataObject;
    expect(job).toMatchObject({ id: expect.stringMatching(/^resp_/), model: 'gpt-5.4-pro' });
    expect(['queued', 'in_progress']).toContain(job.status);

    const peek = await run({ parameters: { operation: 'getJob', jobId: job.id, waitForCompletion: false } })
      .result;
    expect(peek[0]?.json).toMatchObject({ id: job.id });
    expect(peek[0]?.json.text).toBeUndefined();

    const done = await run({
      parameters: { operation: 'getJob', jobId: job.id, waitForCompletion: true, maxWaitMinutes: 1 },
    }).result;
    expect(done[0]?.json.text).toEqual(expect.any(String));
    expect(done[0]?.json.usage).toBeDefined();
  });

  it('waits for a job that takes longer than one poll', async () => {
    const out = await run({
      parameters: { operation: 'message', prompt: 'Think hard [emulator:job-ms=1200]', options: {} },
    }).result;
    expect(out[0]?.json.text).toEqual(expect.any(String));
    expect(
      emulator()
        .requests()
        .filter((r) => r.method === 'GET').length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('when Max Wait runs out, names the job to collect later with Get Job', async () => {
    const out = await run({
      continueOnFail: true,
      parameters: {
        operation: 'message',
        prompt: 'Very long [emulator:job-ms=60000]',
        maxWaitMinutes: 0.01,
        options: {},
      },
    }).result;
    const jobId = out[0]?.json.jobId as string;
    expect(jobId).toMatch(/^resp_/);
    expect(out[0]?.json.error).toMatch(/still (queued|in_progress)/);
    expect(out[0]?.json.description).toContain(`Get Job operation and Job ID ${jobId}`);
  });

  it('cancelling the execution cancels the upstream job', async () => {
    const controller = new AbortController();
    const { result, sent } = run({
      signal: controller.signal,
      parameters: { operation: 'message', prompt: 'Very long [emulator:job-ms=60000]', options: {} },
    });
    const settled = result.catch((e: unknown) => e);
    // Cancel once the first poll went out: the job is then known to be running upstream.
    for (let i = 0; i < 200 && !sent.some((r) => r.method === 'GET'); i++) {
      await sleep(20);
    }
    controller.abort();
    const error = await settled;
    expect((error as Error).message).toMatch(/cancelled upstream/);
    const cancels = emulator()
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.status).toBe(200);
  });
});
