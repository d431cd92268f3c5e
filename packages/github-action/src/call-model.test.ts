import type { Completion, ModelStreamClient } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { type CallPlan, callModel } from './call-model.js';

const done: Completion = {
  id: 'resp_1',
  model: 'gpt-5.4-pro',
  text: 'ok',
  finishReason: 'stop',
  status: 'completed',
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  raw: {},
};

/** A client that records what the action asked of it. */
function recordingClient() {
  const calls: string[] = [];
  const waits: Record<string, unknown>[] = [];
  const client = {
    model: 'gpt-5.4-pro',
    baseUrl: 'http://127.0.0.1',
    start: async () => {
      calls.push('start');
      return { id: 'resp_new', status: 'queued' as const };
    },
    wait: async (id: string, options: Record<string, unknown>) => {
      calls.push(`wait ${id}`);
      waits.push(options);
      return done;
    },
    complete: async () => {
      calls.push('complete');
      return done;
    },
  } as unknown as ModelStreamClient;
  return { client, calls, waits };
}

function plan(params: Record<string, unknown>, extra: Partial<CallPlan> = {}): CallPlan {
  return {
    params: { prompt: 'p', ...params },
    timeoutMs: 60_000,
    signal: new AbortController().signal,
    onRetry: () => {},
    onJob: async () => {},
    ...extra,
  };
}

describe('callModel', () => {
  it('background: starts one job, records its id before waiting, waits within the timeout and cancels on abort', async () => {
    const { client, calls, waits } = recordingClient();
    const recorded: string[] = [];
    await callModel(
      client,
      plan(
        { background: true, response_format: 'json_object' },
        {
          onJob: async (id: string) => {
            recorded.push(id);
            calls.push('recorded');
          },
        },
      ),
    );
    expect(calls).toEqual(['start', 'recorded', 'wait resp_new']);
    expect(recorded).toEqual(['resp_new']);
    expect(waits[0]).toMatchObject({ cancelOnAbort: true, json: true });
    expect(waits[0]!.maxWaitMs).toBeLessThanOrEqual(60_000);
  });

  it('resume: collects the earlier run’s job and starts nothing (never pays twice)', async () => {
    const { client, calls } = recordingClient();
    await callModel(client, plan({ background: true }, { resumeJob: 'resp_old', onJob: async () => {} }));
    expect(calls).toEqual(['wait resp_old']);
  });

  it('background off: one plain call with the timeout as its deadline', async () => {
    const { client, calls } = recordingClient();
    await callModel(client, plan({}, { onJob: async () => {} }));
    expect(calls).toEqual(['complete']);
  });
});
