import { PermissionDeniedError } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { clientFor, errorOf, FAKE_KEY, polls, posts, TEST_EMULATOR_DEFAULTS, useEmulator } from './index.js';

const emulator = useEmulator({ streamDelayMs: 1, closeAgent: true });

// The two tests run in order: the first leaves state behind, the second proves the reset.
describe('useEmulator', () => {
  it('starts one emulator on loopback with the test defaults and the options given', async () => {
    expect(emulator().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator().port).toBeGreaterThan(0);
    expect(emulator().config()).toEqual({
      latencyMs: 0,
      streamDelayMs: 1,
      jobDurationMs: TEST_EMULATOR_DEFAULTS.jobDurationMs,
    });
    const completion = await clientFor(emulator()).complete({ prompt: 'kit' });
    expect(completion.text).toContain('"kit"');
    expect(posts(emulator())).toHaveLength(1);
    emulator().enqueue({ kind: 'status', status: 500 });
    emulator().configure({ latencyMs: 5 });
    emulator().setProfile('no-models');
  });

  it('resets requests, faults, settings and profile between tests', () => {
    expect(emulator().requests()).toEqual([]);
    expect(emulator().pendingFaults()).toEqual([]);
    expect(emulator().config().latencyMs).toBe(0);
    expect(emulator().profile().profile).toBe('responses');
  });
});

describe('clientFor, posts, polls, errorOf', () => {
  it('runs a background job with quick polls, counted by polls()', async () => {
    const client = clientFor(emulator());
    const job = await client.start({ prompt: 'job' });
    const completion = await client.wait(job.id);
    expect(completion.text).toContain('"job"');
    expect(posts(emulator())).toHaveLength(1);
    expect(polls(emulator()).length).toBeGreaterThanOrEqual(1);
    expect(
      emulator()
        .requests()
        .every((r) => r.hasKey),
    ).toBe(true);
  });

  it('takes client overrides, and errorOf settles into the error or fails when there is none', async () => {
    const error = await errorOf(
      clientFor(emulator(), { apiKey: 'sk-emulator-403' }).complete({ prompt: 'x' }),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(String(error)).not.toContain(FAKE_KEY);
    await expect(errorOf(Promise.resolve(1), 'the step')).rejects.toThrow('expected the step to fail');
  });
});
