import { gpt54Pro } from '@modelstream-kit/core';
import { useEmulator } from '@modelstream-kit/emulator/vitest';
import { type IDataObject, type INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { executeModelStream } from '../nodes/ModelStream/execute';
import { type ContextOptions, createContext, itemsOf, TEST_KEY } from './n8n-context';

const emulator = useEmulator({ jobDurationMs: 0 });

function run(options: Partial<ContextOptions> & { parameters: IDataObject }) {
  const { ctx } = createContext({
    items: itemsOf(5),
    credentials: { apiKey: TEST_KEY, baseUrl: emulator().url },
    ...options,
  });
  return executeModelStream(ctx, gpt54Pro);
}

/**
 * What n8n's engine does with a node's output under "On Error: Continue (using error output)"
 * (n8n-core 2.40's handleNodeErrorOutput, as n8n-workflow's INodeExecutionData documents it): an item
 * goes to the error output when it carries `error`, or when its json holds `error` and nothing but
 * `message` and `details` beside it; every other item stays on the success output.
 */
function routeLikeN8n(items: INodeExecutionData[]) {
  const isError = (item: INodeExecutionData) =>
    item.error !== undefined ||
    (item.json.error !== undefined &&
      Object.keys(item.json).every((key) => ['error', 'message', 'details'].includes(key)));
  return { success: items.filter((i) => !isError(i)), error: items.filter(isError) };
}

// One at a time: item 0's POST meets a 402; item 2 is refused before sending (an effort GPT-5.4 pro
// does not take).
const parameters = { operation: 'message', prompt: 'Hi', options: { concurrency: 1 } };
const perItem = (i: number) =>
  i === 2 ? { options: { reasoningEffort: 'low', concurrency: 1 } } : { prompt: `Item ${i}` };
const quotaOnFirstPost = () => {
  emulator().enqueue({
    kind: 'status',
    status: 402,
    code: 'insufficient_quota',
    match: { path: '/v1/chat/completions' },
  });
};

describe('On Error: Continue (using error output)', () => {
  it('sends failed items to the error output, paired with their input, and answers to the success output', async () => {
    quotaOnFirstPost();
    const out = await run({ onError: 'continueErrorOutput', parameters, perItem });
    expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));

    const { success, error } = routeLikeN8n(out);
    expect(success.map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 3 }, { item: 4 }]);
    expect(success.every((o) => typeof o.json.text === 'string')).toBe(true);
    expect(error.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);

    const [quota, refused] = error;
    expect(refused?.error).toBeInstanceOf(NodeOperationError);
    expect(refused?.json.error).toBe(
      'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
    expect(quota?.error).toBeInstanceOf(NodeApiError);
    expect(quota?.json).toMatchObject({
      status: 402,
      code: 'insufficient_quota',
      name: 'QuotaExceededError',
    });
    const apiError = quota?.error as NodeApiError;
    expect(apiError.httpCode).toBe('402');
    expect(apiError.context.itemIndex).toBe(0);
    // The error travels in the item (n8n stores and shows it): the key is in none of it.
    expect(JSON.stringify(out)).not.toContain(TEST_KEY);
    expect(error.map((o) => `${o.error?.message} ${o.error?.description}`).join(' ')).not.toContain(TEST_KEY);
  });

  it('names the job of a failed item on the error output, so it can be collected', async () => {
    const out = await run({
      items: itemsOf(1),
      onError: 'continueErrorOutput',
      parameters: {
        operation: 'message',
        prompt: 'Very long [emulator:job-ms=60000]',
        maxWaitMinutes: 0.01,
        options: {},
      },
    });
    const { success, error } = routeLikeN8n(out);
    expect(success).toEqual([]);
    expect(error).toHaveLength(1);
    const jobId = error[0]?.json.jobId as string;
    expect(jobId).toMatch(/^resp_/);
    expect(error[0]?.json.description).toContain(`Job ID ${jobId}`);
    expect(error[0]?.pairedItem).toEqual({ item: 0 });
  });

  it('keeps the regular output as before under "Continue (using regular output)": error items inline, no error property', async () => {
    quotaOnFirstPost();
    const out = await run({ onError: 'continueRegularOutput', parameters, perItem });
    expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
    expect(out.map((o) => ('error' in o.json ? 'error' : 'answer'))).toEqual([
      'error',
      'answer',
      'error',
      'answer',
      'answer',
    ]);
    expect(out.every((o) => o.error === undefined)).toBe(true);
  });

  it('still stops the workflow under "Stop Workflow"', async () => {
    const error = await run({ onError: 'stopWorkflow', parameters, perItem }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context.itemIndex).toBe(2);
  });
});
