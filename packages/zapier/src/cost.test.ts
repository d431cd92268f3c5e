import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AnswerOutput } from './output.js';
import { chatPosts, errorOf, useZapier, zapierFields } from './test-utils/harness.js';

// Issue 14 for Zapier: every answer priced in flat fields, a ceiling before sending, and every error after
// a start naming the job and how to collect it. A 10 s step budget: five attempts fit on a busy machine.
const h = useZapier({ budgetMs: 10_000 });
type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
const send = () => h.app.creates?.send_prompt?.operation.perform as Perform<AnswerOutput>;
const start = () => h.app.creates?.start_background_completion?.operation.perform as Perform<AnswerOutput>;
const find = () => h.app.searches?.find_completion?.operation.perform as Perform<AnswerOutput[]>;
const onPolls = { method: 'GET', path: '/v1/responses/' } as const;
const round = (n: number) => Math.round(n * 1e6) / 1e6;

describe('cost as flat fields', () => {
  it('an answer carries input, output and total cost at the list prices, and which prices', async () => {
    const out = await h.tester(send(), h.bundle({ prompt: 'x [emulator:job-ms=20]' }));
    const input = round((out.usage__prompt_tokens * 30) / 1e6);
    const output = round((out.usage__completion_tokens * 180) / 1e6);
    expect(out.cost_input_usd).toBe(input);
    expect(out.cost_output_usd).toBe(output);
    expect(out.cost_total_usd).toBe(round(input + output));
    expect(out.cost_source).toContain("OpenAI's list prices for gpt-5.4-pro");
    expect(out.cost_source).toContain('up to 272,000 input tokens');
  });

  it('the connection’s Price Multiplier scales every figure and is named; pending jobs say they are not billed yet', async () => {
    const bundle = (input: Record<string, unknown>) => {
      const b = h.bundle(input);
      b.authData.price_multiplier = '0.5';
      return b;
    };
    const out = await h.tester(send(), bundle({ prompt: 'x [emulator:job-ms=20]' }));
    expect(out.cost_output_usd).toBe(round((out.usage__completion_tokens * 90) / 1e6));
    expect(out.cost_source).toContain('× 0.5 (price multiplier setting)');
    const started = await h.tester(start(), bundle({ prompt: 'x [emulator:job-ms=200]' }));
    expect(started).toMatchObject({ status: 'pending', cost_total_usd: 0 });
    expect(started.cost_source).toContain('not billed yet');
    const [found] = await h.tester(find(), bundle({ id: started.id }));
    expect(found?.cost_source).toContain('× 0.5');
    expect(found?.cost_total_usd).toBeGreaterThan(0);
  });

  it('a bad Price Multiplier is refused, naming the field, before any request', async () => {
    const b = h.bundle({ prompt: 'x' });
    b.authData.price_multiplier = '-2';
    const error = await errorOf(h.tester(send(), b));
    expect(String(zapierFields(error).message)).toMatch(/^price_multiplier: "-2" is not allowed/);
    expect(h.emulator().requests()).toEqual([]);
  });
});

describe('Max Cost (USD)', () => {
  it('refuses a request whose worst case is above it, with the numbers, before any request', async () => {
    const error = await errorOf(h.tester(send(), h.bundle({ prompt: 'Hello there', max_cost_usd: '0.05' })));
    const message = String(zapierFields(error).message);
    expect(zapierFields(error).code).toBe('invalid_input');
    // No Max Output Tokens: the model's 128,000 at $180 per million is the worst case ($23.04 + input).
    expect(message).toMatch(/^max_cost_usd: this request may cost up to ≤ \$23\.\d+ /);
    expect(message).toContain('up to 128,000 output tokens');
    expect(message).toContain('above the ceiling of $0.05; nothing was sent');
    expect(h.emulator().requests()).toEqual([]);
  });

  it('lets a request through whose worst case fits, and refuses a bad amount', async () => {
    const ok = await h.tester(
      send(),
      h.bundle({
        prompt: 'x [emulator:job-ms=20]',
        max_cost_usd: '1',
        advanced_options: 'true',
        max_output_tokens: '2000',
      }),
    );
    expect(ok.status).toBe('completed');
    const error = await errorOf(h.tester(send(), h.bundle({ prompt: 'x', max_cost_usd: 'cheap' })));
    expect(String(zapierFields(error).message)).toMatch(/^max_cost_usd: "cheap" is not allowed/);
  });
});

describe('every error after a start names the job and how to collect it', () => {
  it('a refusal on a poll after the start (403): the job id, and collect it with Find Completion', async () => {
    h.emulator().enqueue({ kind: 'status', status: 403, match: onPolls });
    const error = await errorOf(h.tester(send(), h.bundle({ prompt: 'x [emulator:job-ms=20]' })));
    const message = String(zapierFields(error).message);
    expect(zapierFields(error).code).toBe('permission_denied');
    expect(message).toMatch(/Job resp_\w+ was started upstream and may still run/);
    expect(message).toContain('collect it with a Find Completion step (Job ID resp_');
    expect(message.match(/was started/g)).toHaveLength(1);
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('a key revoked while the job runs (401 on a poll): reconnect, and the job is named', async () => {
    h.emulator().enqueue({ kind: 'status', status: 401, match: onPolls });
    const error = await errorOf(h.tester(send(), h.bundle({ prompt: 'x [emulator:job-ms=20]' })));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('Find Completion step (Job ID resp_');
  });

  it('a long 429 on a poll after the start is no throttle (a rerun would POST again): the pending job comes back', async () => {
    h.emulator().enqueue({ kind: 'status', status: 429, retryAfter: 60, match: onPolls });
    const out = await h.tester(send(), h.bundle({ prompt: 'x [emulator:job-ms=20]' }));
    expect(out.status).toBe('pending');
    expect(out.id).toMatch(/^resp_/);
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('Find Completion’s own errors name the job too', async () => {
    const started = await h.tester(start(), h.bundle({ prompt: 'x [emulator:job-ms=20]' }));
    h.emulator().enqueue({ kind: 'status', status: 403, match: onPolls });
    const error = await errorOf(h.tester(find(), h.bundle({ id: started.id })));
    expect(String(zapierFields(error).message)).toContain(`Job ${started.id} is not lost`);
  });
});
