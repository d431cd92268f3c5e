import { clientFor, polls, posts, useEmulator } from '@modelstream-kit/emulator/vitest';
import { describe, expect, it } from 'vitest';
import { type CallPlan, callModel } from './call-model.js';

const emulator = useEmulator({ jobDurationMs: 150, closeAgent: true });

function plan(params: Record<string, unknown>, extra: Partial<CallPlan> = {}): CallPlan {
  return {
    params: { prompt: 'p', ...params },
    delivery: params.background === true ? 'background' : 'plain',
    timeoutMs: 60_000,
    signal: new AbortController().signal,
    onRetry: () => {},
    onJob: async () => {},
    ...extra,
  };
}

describe('callModel (the core’s run, against the emulator)', () => {
  it('background: starts one job, records its id before waiting, waits within the timeout', async () => {
    const recorded: { id: string; pollsBefore: number }[] = [];
    const completion = await callModel(
      clientFor(emulator()),
      plan(
        { background: true, response_format: 'json_object', prompt: 'Answer as JSON.' },
        {
          onJob: async (id: string) => {
            recorded.push({ id, pollsBefore: polls(emulator()).length });
          },
        },
      ),
    );
    expect(posts(emulator())).toHaveLength(1);
    expect(posts(emulator())[0]!.background).toBe(true);
    expect(recorded).toEqual([{ id: completion.id, pollsBefore: 0 }]);
    expect(polls(emulator()).length).toBeGreaterThan(0);
    expect(completion.json).toBeDefined();
  });

  it('cancels the job upstream when the run is cancelled', async () => {
    const controller = new AbortController();
    const error = await callModel(
      clientFor(emulator()),
      plan(
        { background: true, prompt: 'x [emulator:job-ms=60000]' },
        { signal: controller.signal, onJob: async () => controller.abort() },
      ),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortedError', jobCancelled: true });
    expect(
      emulator()
        .requests()
        .filter((r) => r.path.endsWith('/cancel')),
    ).toHaveLength(1);
  });

  it('resume: collects the earlier run’s job and starts nothing (never pays twice)', async () => {
    const client = clientFor(emulator());
    const started = await client.start({ prompt: 'p' });
    const before = posts(emulator()).length;
    const recorded: string[] = [];
    const completion = await callModel(
      client,
      plan({ background: true }, { resumeJob: started.id, onJob: async (id) => void recorded.push(id) }),
    );
    expect(completion.id).toBe(started.id);
    expect(posts(emulator())).toHaveLength(before);
    expect(recorded).toEqual([]);
  });

  it('background off: one plain call with the timeout as its deadline', async () => {
    const completion = await callModel(clientFor(emulator()), plan({}));
    expect(posts(emulator())).toHaveLength(1);
    expect(posts(emulator())[0]!.background).toBeFalsy();
    expect(polls(emulator())).toEqual([]);
    expect(completion.text).toContain('[ModelStream emulator]');
  });
});
