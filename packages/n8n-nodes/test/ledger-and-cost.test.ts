import { gpt54Pro } from '@modelstream-kit/core';
import { useEmulator } from '@modelstream-kit/emulator/vitest';
import { type IDataObject, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { executeModelStream } from '../nodes/ModelStream/execute';
import { requestHash } from '../nodes/ModelStream/static-data-ledger';
import { type ContextOptions, createContext, itemsOf, TEST_KEY } from './n8n-context';

const emulator = useEmulator({ jobDurationMs: 0 });

const posts = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');

function run(options: Partial<ContextOptions> & { parameters: IDataObject }) {
  const context = createContext({
    items: itemsOf(1),
    credentials: { apiKey: TEST_KEY, baseUrl: emulator().url },
    ...options,
  });
  return { ...context, result: executeModelStream(context.ctx, gpt54Pro) };
}

const jobsIn = (staticData: IDataObject) => Object.keys((staticData.modelStreamJobs as IDataObject) ?? {});

describe('cost on every answer', () => {
  it('prices the usage at the list prices and says which prices they are', async () => {
    const [item] = await run({ parameters: { operation: 'message', prompt: 'Hi', options: {} } }).result;
    const usage = item?.json.usage as { prompt_tokens: number; completion_tokens: number };
    const cost = item?.json.cost as IDataObject;
    // $30 per million input tokens, $180 per million output tokens (reasoning included), below 272K.
    const input = Math.round(usage.prompt_tokens * 30) / 1e6;
    const output = Math.round(usage.completion_tokens * 180) / 1e6;
    expect(cost).toMatchObject({ currency: 'USD', tier: 'up to 272,000 input tokens' });
    expect(cost.input).toBeCloseTo(input, 9);
    expect(cost.output).toBeCloseTo(output, 9);
    expect(cost.total).toBeCloseTo(input + output, 9);
    expect(cost.source).toMatch(/list prices/);
  });

  it('scales by Price Multiplier, says so, and keeps cost beside a raw response too', async () => {
    const [item] = await run({
      parameters: {
        operation: 'message',
        prompt: 'Hi',
        simplify: false,
        options: { priceMultiplier: 2, background: false },
      },
    }).result;
    expect(item?.json).toHaveProperty('choices');
    const usage = item?.json.usage as { prompt_tokens: number; completion_tokens: number };
    const cost = item?.json.cost as IDataObject;
    expect(cost.total).toBeCloseTo((usage.prompt_tokens * 60 + usage.completion_tokens * 360) / 1e6, 9);
    expect(cost.source).toContain('× 2 (price multiplier setting)');
  });

  it('refuses a Price Multiplier of 0 by name before sending anything', async () => {
    const error = await run({
      parameters: { operation: 'message', prompt: 'Hi', options: { priceMultiplier: 0 } },
    }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as Error).message).toBe(
      'Price Multiplier: 0 is not allowed; use a number above 0 (1 = list prices)',
    );
    expect(posts()).toHaveLength(0);
  });
});

describe('Max Cost (USD)', () => {
  it('refuses the whole run before any request when one item may cost more, with the numbers', async () => {
    const error = await run({
      items: itemsOf(3),
      parameters: { operation: 'message', prompt: 'Hi', options: { maxCostUsd: 1, maxOutputTokens: 1000 } },
      // Item 2 leaves max_output_tokens to the model's 128,000: up to 128,000 × $180/M = $23.04.
      perItem: (i) => (i === 2 ? { options: { maxCostUsd: 1 } } : {}),
    }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context.itemIndex).toBe(2);
    const message = (error as Error).message;
    expect(message).toMatch(/^Max Cost \(USD\): this request may cost up to ≤ \$23\.04 /);
    expect(message).toContain('above the ceiling of $1; nothing was sent');
    expect(message).toContain('up to 128,000 output tokens');
    expect(posts()).toHaveLength(0);
  });

  it('lets a request within the ceiling through, and refuses the other as an error item under Continue', async () => {
    const out = await run({
      items: itemsOf(2),
      continueOnFail: true,
      parameters: { operation: 'message', prompt: 'Hi', options: { maxCostUsd: 1, maxOutputTokens: 1000 } },
      perItem: (i) => (i === 1 ? { options: { maxCostUsd: 0.01, maxOutputTokens: 1000 } } : {}),
    }).result;
    expect(out[0]?.json.text).toEqual(expect.any(String));
    // 1,000 × $180/M = $0.18 worst case, above $0.01.
    expect(out[1]?.json.error).toMatch(/may cost up to ≤ \$0\.18.*above the ceiling of \$0\.01/);
    expect(posts()).toHaveLength(1);
  });
});

describe('jobs remembered in the workflow static data', () => {
  const slow = { operation: 'message', prompt: 'Think [emulator:job-ms=4000]', options: {} };

  it('records the job as soon as it starts, says so in the error item, and the next run collects it without a second POST', async () => {
    const staticData: IDataObject = {};
    const first = run({ staticData, continueOnFail: true, parameters: { ...slow, maxWaitMinutes: 0.01 } });
    const [failed] = await first.result;
    const jobId = failed?.json.jobId as string;
    expect(jobId).toMatch(/^resp_/);
    expect(jobsIn(staticData)).toEqual([jobId]);
    expect(failed?.json.description).toContain(
      `This node remembers job ${jobId}: the next run of the same request collects it instead of paying again`,
    );
    expect(first.logged.some((line) => line.includes(`started job ${jobId}`))).toBe(true);
    expect(JSON.stringify(staticData)).not.toContain(TEST_KEY);
    expect(JSON.stringify(staticData)).not.toContain('Think');

    const [answer] = await run({ staticData, parameters: { ...slow, maxWaitMinutes: 1 } }).result;
    expect(answer?.json.text).toEqual(expect.any(String));
    expect(answer?.json.collectedJob).toMatchObject({ id: jobId });
    expect(answer?.json.cost).toMatchObject({ currency: 'USD' });
    expect(posts()).toHaveLength(1);
    expect(jobsIn(staticData)).toEqual([]);
  });

  it('Get Job collects a remembered job and forgets it', async () => {
    const staticData: IDataObject = {};
    const [failed] = await run({
      staticData,
      continueOnFail: true,
      parameters: { ...slow, maxWaitMinutes: 0.01 },
    }).result;
    const jobId = failed?.json.jobId as string;
    expect(jobsIn(staticData)).toEqual([jobId]);
    const [done] = await run({
      staticData,
      parameters: { operation: 'getJob', jobId, waitForCompletion: true, maxWaitMinutes: 1 },
    }).result;
    expect(done?.json.text).toEqual(expect.any(String));
    expect(jobsIn(staticData)).toEqual([]);
  });

  it('in a manual run, says the job is not kept past it and how to collect it', async () => {
    const [failed] = await run({
      mode: 'manual',
      continueOnFail: true,
      parameters: { ...slow, maxWaitMinutes: 0.01 },
    }).result;
    const jobId = failed?.json.jobId as string;
    expect(failed?.json.description).toContain(
      `Job ${jobId} may still run upstream: collect it with Get Job`,
    );
    expect(failed?.json.description).toContain('manual runs do not keep it');
  });

  it('a remembered job that is gone upstream is forgotten and the request is sent once', async () => {
    const staticData: IDataObject = {
      modelStreamJobs: {
        resp_gone: {
          id: 'resp_gone',
          hash: requestHash(gpt54Pro.id, { prompt: 'Hi' }),
          status: 'in_progress',
          startedAt: Date.now() - 60_000,
        },
      },
    };
    const [answer] = await run({
      staticData,
      parameters: { operation: 'message', prompt: 'Hi', options: {} },
    }).result;
    expect(answer?.json.text).toEqual(expect.any(String));
    expect(answer?.json.collectedJob).toBeUndefined();
    expect(posts()).toHaveLength(1);
    expect(jobsIn(staticData)).toEqual([]);
  });

  it('hands a job back without remembering it when Wait for Completion is off (Get Job collects it)', async () => {
    const staticData: IDataObject = {};
    const [pending] = await run({ staticData, parameters: { ...slow, waitForCompletion: false } }).result;
    expect(pending?.json.id).toMatch(/^resp_/);
    expect(jobsIn(staticData)).toEqual([]);
  });
});
