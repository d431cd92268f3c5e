import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { CancelOutput } from '../creates/cancel-completion.js';
import { STARTED_NOTE } from '../creates/start-background.js';
import type { AnswerOutput } from '../output.js';
import { SAMPLE_JOB_ID, sampleAnswer } from '../output.js';
import { chatPosts, errorOf, useZapier, zapierFields } from '../test-utils/harness.js';

const h = useZapier();
type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
const start = () => h.app.creates?.start_background_completion?.operation.perform as Perform<AnswerOutput>;
const find = () => h.app.searches?.find_completion?.operation.perform as Perform<AnswerOutput[]>;
const cancel = () => h.app.creates?.cancel_completion?.operation.perform as Perform<CancelOutput>;

describe('Start Background Completion → Find Completion', () => {
  it('starts at once and hands back the job ID; Find Completion waits for and returns the answer', async () => {
    const started = await h.tester(start(), h.bundle({ prompt: 'Long essay [emulator:job-ms=400]' }));
    expect(started).toMatchObject({ status: 'pending', note: STARTED_NOTE });
    expect(started.id).toMatch(/^resp_/);
    const [found] = await h.tester(find(), h.bundle({ id: started.id }));
    expect(found).toMatchObject({ id: started.id, status: 'completed' });
    expect(found?.usage__total_tokens).toBeGreaterThan(0);
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('a JSON answer collected later is flattened too (the job remembers its format)', async () => {
    const started = await h.tester(
      start(),
      h.bundle({
        prompt: 'JSON please [emulator:job-ms=200]',
        advanced_options: 'true',
        response_format: 'json_object',
      }),
    );
    const [found] = await h.tester(find(), h.bundle({ id: started.id }));
    expect(found?.status).toBe('completed');
    expect(Object.keys(found ?? {}).some((k) => k.startsWith('json__'))).toBe(true);
  });

  it('"return pending" answers at once with the running job, then with the answer', async () => {
    // 2 s: still running when first asked, however busy the machine; then asked again until it is done.
    const started = await h.tester(start(), h.bundle({ prompt: 'x [emulator:job-ms=2000]' }));
    const ask = async () =>
      (await h.tester(find(), h.bundle({ id: started.id, if_not_ready: 'return_pending' })))[0];
    expect(await ask()).toMatchObject({ id: started.id, status: 'pending' });
    let done = await ask();
    for (let i = 0; i < 200 && done?.status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      done = await ask();
    }
    expect(done).toMatchObject({ id: started.id, status: 'completed' });
  });

  it('still running after its budget: a ThrottledError with the chosen delay, so Zapier runs it again', async () => {
    const started = await h.tester(start(), h.bundle({ prompt: 'x [emulator:job-ms=5000]' }));
    const error = await errorOf(h.tester(find(), h.bundle({ id: started.id, recheck_after: 120 })));
    expect(error.name).toBe('ThrottledError');
    expect(zapierFields(error)).toMatchObject({ delay: 120 });
    expect(String(zapierFields(error).message)).toMatch(/still (queued|in progress)/);
  });

  it('a job ModelStream does not know is "nothing found"', async () => {
    expect(await h.tester(find(), h.bundle({ id: 'resp_does_not_exist' }))).toEqual([]);
  });

  it('a failed job is an error with the server words', async () => {
    h.emulator().enqueue({ kind: 'job-fails', message: 'upstream model crashed' });
    const started = await h.tester(start(), h.bundle({ prompt: 'x' }));
    const error = await errorOf(h.tester(find(), h.bundle({ id: started.id })));
    expect(zapierFields(error).code).toBe('job_failed');
    expect(String(zapierFields(error).message)).toContain('upstream model crashed');
  });

  it('bad IDs and recheck values are refused before any request', async () => {
    for (const inputData of [{}, { id: 'not an id!' }, { id: 'resp_1', recheck_after: '5' }]) {
      const error = await errorOf(h.tester(find(), h.bundle(inputData)));
      expect(zapierFields(error).code).toBe('invalid_input');
    }
    expect(h.emulator().requests()).toEqual([]);
  });

  it('in the Zap editor: the sample ID returns the sample; a real ID is looked up once, never waited on', async () => {
    expect(await h.tester(find(), h.bundle({ id: SAMPLE_JOB_ID }, { sample: true }))).toEqual([sampleAnswer]);
    expect(h.emulator().requests()).toEqual([]);
    const started = await h.tester(start(), h.bundle({ prompt: 'x [emulator:job-ms=60000]' }));
    const [seen] = await h.tester(find(), h.bundle({ id: started.id }, { sample: true }));
    expect(seen?.status).toBe('pending');
    // Never waited on: one look-up, no polling (counted, not timed).
    expect(
      h
        .emulator()
        .requests()
        .filter((r) => r.method === 'GET'),
    ).toHaveLength(1);
  });

  it('Start Background Completion in the editor returns the sample and starts nothing', async () => {
    const out = await h.tester(start(), h.bundle({ prompt: 'x' }, { sample: true }));
    expect(out).toMatchObject({ id: SAMPLE_JOB_ID, status: 'pending' });
    expect(h.emulator().requests()).toEqual([]);
  });
});

describe('Cancel Background Completion', () => {
  it('cancels a running job upstream; collecting it then says it was cancelled', async () => {
    const started = await h.tester(start(), h.bundle({ prompt: 'x [emulator:job-ms=5000]' }));
    const cancelled = await h.tester(cancel(), h.bundle({ id: started.id }));
    expect(cancelled).toMatchObject({ id: started.id, status: 'cancelled', job_status: 'cancelled' });
    const error = await errorOf(h.tester(find(), h.bundle({ id: started.id })));
    expect(zapierFields(error).code).toBe('job_failed');
    expect(String(zapierFields(error).message)).toContain('cancelled');
  });
});
