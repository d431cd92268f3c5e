import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AnswerOutput } from '../output.js';
import { sampleAnswer } from '../output.js';
import {
  captureZapierLogs,
  chatPosts,
  errorOf,
  loggedPostBodies,
  useZapier,
  zapierFields,
} from '../test-utils/harness.js';

const h = useZapier();
type Perform = (z: ZObject, bundle: Bundle) => Promise<AnswerOutput>;
const sendPrompt = () => h.app.creates?.send_prompt?.operation.perform as Perform;
const findCompletion = () =>
  h.app.searches?.find_completion?.operation.perform as (z: ZObject, b: Bundle) => Promise<AnswerOutput[]>;

describe('Send Prompt', () => {
  it('a quick answer comes back completed, as flat fields with usage, from one POST', async () => {
    const out = await h.tester(sendPrompt(), h.bundle({ prompt: 'Say hi [emulator:job-ms=50]' }));
    expect(out).toMatchObject({ status: 'completed', job_status: 'completed', model: 'gpt-5.4-pro' });
    expect(out.id).toMatch(/^resp_/);
    expect(out.text.length).toBeGreaterThan(0);
    expect(out.finish_reason).toBeTruthy();
    expect(out.usage__total_tokens).toBe(out.usage__prompt_tokens + out.usage__completion_tokens);
    expect(out.usage__total_tokens).toBeGreaterThan(0);
    expect(out.raw).toBeTruthy();
    const posts = chatPosts(h.emulator());
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ hasKey: true, background: true, model: 'gpt-5.4-pro', status: 200 });
  });

  it('sends the advanced parameters it was given, typed, and background mode itself', async () => {
    const logs = captureZapierLogs();
    await h.tester(
      sendPrompt(),
      h.bundle({
        prompt: 'x [emulator:job-ms=20]',
        system_prompt: 'Be brief.',
        advanced_options: 'true',
        reasoning_effort: 'xhigh',
        max_output_tokens: '2000',
        store: 'false',
        topic: 'zapier-tests',
      }),
    );
    expect(loggedPostBodies(logs)[0]).toEqual({
      model: 'gpt-5.4-pro',
      prompt: 'x [emulator:job-ms=20]',
      system_prompt: 'Be brief.',
      reasoning_effort: 'xhigh',
      max_output_tokens: 2000,
      store: false,
      topic: 'zapier-tests',
      background: true,
    });
  });

  it('a JSON answer is flattened into json__ fields', async () => {
    const out = await h.tester(
      sendPrompt(),
      h.bundle({
        prompt: 'Return a JSON object [emulator:job-ms=20]',
        advanced_options: 'yes',
        response_format: 'json_object',
      }),
    );
    expect(out.status).toBe('completed');
    const jsonKeys = Object.keys(out).filter((k) => k.startsWith('json__'));
    expect(jsonKeys.length).toBeGreaterThan(0);
  });

  it('a slow answer becomes a pending job within the budget, then Find Completion collects it; one POST only', async () => {
    // Pending while the 8 s job still runs: the step kept to its 1.5 s budget instead of waiting for the
    // answer (shown by the job's state, not by timing the step).
    const pending = await h.tester(sendPrompt(), h.bundle({ prompt: 'Think hard [emulator:job-ms=8000]' }));
    expect(pending).toMatchObject({ status: 'pending', text: '' });
    expect(['queued', 'in_progress']).toContain(pending.job_status);
    expect(pending.note).toContain('Find Completion');

    // Still running: the search waits out its own budget, then asks Zapier to run it again later.
    const throttled = await errorOf(h.tester(findCompletion(), h.bundle({ id: pending.id })));
    expect(throttled.name).toBe('ThrottledError');
    expect(zapierFields(throttled).delay).toBe(60);
    expect(String(zapierFields(throttled).message)).toContain(pending.id);

    // Zapier's reruns (each waits out its own budget) get the answer once the job is done.
    const rerun = () => h.tester(findCompletion(), h.bundle({ id: pending.id, recheck_after: '30' }));
    let found: Awaited<ReturnType<typeof rerun>>[number] | undefined;
    for (let i = 0; i < 20 && !found; i++) {
      found = await rerun().then(
        ([answer]) => answer,
        (error: Error) => {
          expect(error.name).toBe('ThrottledError');
          return undefined;
        },
      );
    }
    expect(found).toMatchObject({ id: pending.id, status: 'completed' });
    expect(found?.text.length).toBeGreaterThan(0);
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('testing the step in the Zap editor returns the sample at once and calls nothing', async () => {
    const out = await h.tester(sendPrompt(), h.bundle({ prompt: 'anything' }, { sample: true }));
    expect(out).toEqual(sampleAnswer);
    expect(h.emulator().requests()).toEqual([]);
  });
});

describe('Send Prompt: bad input is refused before any request', () => {
  it('names each bad field with the spec message', async () => {
    const error = await errorOf(
      h.tester(
        sendPrompt(),
        h.bundle({
          prompt: 'x',
          advanced_options: 'true',
          reasoning_effort: 'low',
          max_output_tokens: '999999',
        }),
      ),
    );
    const fields = zapierFields(error);
    expect(fields.code).toBe('invalid_input');
    expect(String(fields.message)).toContain('reasoning_effort: "low" is not allowed for gpt-5.4-pro');
    expect(String(fields.message)).toContain('max_output_tokens: 999999 is not allowed');
    expect(h.emulator().requests()).toEqual([]);
  });

  it('a missing prompt', async () => {
    const error = await errorOf(h.tester(sendPrompt(), h.bundle({})));
    expect(zapierFields(error)).toMatchObject({ code: 'invalid_input' });
    expect(String(zapierFields(error).message)).toContain('prompt: is required');
    expect(h.emulator().requests()).toEqual([]);
  });

  it('a bad image URL', async () => {
    const error = await errorOf(
      h.tester(sendPrompt(), h.bundle({ prompt: 'x', advanced_options: 'true', image_urls: ['ftp://nope'] })),
    );
    expect(String(zapierFields(error).message)).toContain('image_urls[0]');
    expect(h.emulator().requests()).toEqual([]);
  });
});
