import { PROFILE_NAMES, type ProfileName } from '@modelstream-kit/emulator';
import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AuthTestResult } from './authentication.js';
import type { AnswerOutput } from './output.js';
import { chatPosts, errorOf, useZapier, zapierFields } from './test-utils/harness.js';

// Issue 12: Send Prompt + Find Completion against every gateway profile the emulator plays. Each cell
// gets the answer or a documented clear error, and never a second POST.
const h = useZapier({ budgetMs: 10_000 });
type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
const send = () => h.app.creates?.send_prompt?.operation.perform as Perform<AnswerOutput>;
const find = () => h.app.searches?.find_completion?.operation.perform as Perform<AnswerOutput[]>;
const authTest = () => h.app.authentication?.test as Perform<AuthTestResult>;

/** The connection each profile needs: chat-job with its Job Path set, the rest as they come. */
const connection: Partial<Record<ProfileName, Record<string, string>>> = {
  'chat-job': { job_path: '/v1/chat/completions/{id}' },
};
const bundleFor = (profile: ProfileName, input: Record<string, unknown>) => {
  const bundle = h.bundle(input);
  Object.assign(bundle.authData, connection[profile] ?? {});
  return bundle;
};

/** What each profile must give: the answer from both steps, or a clear error (and where). */
const expected: Record<ProfileName, 'answer' | 'answer, then no job to find' | 'refused'> = {
  responses: 'answer',
  'sync-only': 'answer, then no job to find',
  'chat-job': 'answer',
  'no-background': 'refused',
  proxied: 'answer',
  'no-models': 'answer',
};

describe('Send Prompt + Find Completion on every gateway profile', () => {
  it('covers every profile the emulator has', () => {
    expect(Object.keys(expected).sort()).toEqual([...PROFILE_NAMES].sort());
  });

  for (const profile of PROFILE_NAMES) {
    it(`${profile}: ${expected[profile]}; one POST`, async () => {
      h.emulator().setProfile(
        profile === 'proxied' ? { profile, idleCutMs: 2_000, keepAliveMs: 200 } : profile,
      );
      const prompt = { prompt: `Matrix ${profile} [emulator:job-ms=50]` };
      if (expected[profile] === 'refused') {
        const error = await errorOf(h.tester(send(), bundleFor(profile, prompt)));
        const message = String(zapierFields(error).message);
        expect(zapierFields(error).code).toBe('bad_request');
        expect(message).toContain('background');
        expect(message).toContain('The Zapier app runs every prompt as a background job');
        expect(message).toContain('Nothing was started');
      } else {
        const out = await h.tester(send(), bundleFor(profile, prompt));
        expect(out.status).toBe('completed');
        expect(out.text).toContain('[ModelStream emulator]');
        expect(out.cost_total_usd).toBeGreaterThan(0);
        if (expected[profile] === 'answer') {
          const [found] = await h.tester(find(), bundleFor(profile, { id: out.id }));
          expect(found).toMatchObject({ id: out.id, status: 'completed', text: out.text });
        } else {
          // The gateway answered on the POST and keeps no job: Find Completion says so and names the fix.
          const error = await errorOf(h.tester(find(), bundleFor(profile, { id: out.id })));
          const message = String(zapierFields(error).message);
          expect(message).toContain(`Job ${out.id}`);
          expect(message).toMatch(/polling it answered 404/);
        }
      }
      expect(chatPosts(h.emulator())).toHaveLength(1);
    });
  }

  it('chat-job without a Job Path: the app finds the path on the 404 itself', async () => {
    h.emulator().setProfile('chat-job');
    const out = await h.tester(send(), h.bundle({ prompt: 'x [emulator:job-ms=50]' }));
    expect(out.status).toBe('completed');
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('no-models: the connection test checks the key with a job look-up, and says so', async () => {
    h.emulator().setProfile('no-models');
    const result = await h.tester(authTest(), h.bundle());
    expect(result.checked_via).toBe('job-lookup');
    expect(result.note).toContain('no model list (GET /v1/models answered 404)');
    const refused = await errorOf(h.tester(authTest(), h.bundle({}, { key: 'sk-emulator-401' })));
    expect(zapierFields(refused).code).toBe('invalid_api_key');
  });

  it('a Job Path that is not a path is refused in the connection test, naming the field', async () => {
    const bundle = h.bundle();
    bundle.authData.job_path = 'responses';
    const error = await errorOf(h.tester(authTest(), bundle));
    expect(String(zapierFields(error).message)).toMatch(/^job_path: "responses" is not allowed; use a path/);
    expect(h.emulator().requests()).toEqual([]);
  });
});
