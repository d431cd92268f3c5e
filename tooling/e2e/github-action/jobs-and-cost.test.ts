import { describe, expect, it } from 'vitest';
import { file, useActionHarness } from './harness.js';

// Issue 14 for the action: the marker remembers the job from its start, and every answer is priced.
const h = useActionHarness();

describe('issue 14: a job started by a killed run is collected, not paid again', () => {
  it('SIGKILL right after the job started: the comment already names it, the next run collects it with no POST', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const inputs = { prompt: 'Summarise. [emulator:job-ms=2500]' };
    const first = await h.run(pr.number, inputs, {
      cancelWhen: /Background job resp_\S+ started and recorded in the comment/,
      cancelSignals: [{ signal: 'SIGKILL', afterMs: 0 }],
    });
    expect(first.signal).toBe('SIGKILL');
    const job = /Background job (resp_\S+) started/.exec(first.stdout)![1]!;
    const left = h.markedComments(pr.number)[0]!.body;
    expect(left).toContain(`"state":"running","job":"${job}"`);
    expect(h.modelCalls()).toHaveLength(1);

    const second = await h.run(pr.number, inputs);
    expect(second.code, second.stdout).toBe(0);
    expect(second.stdout).toContain(`Collecting background job ${job}`);
    expect(h.modelCalls()).toHaveLength(1); // the first run's POST, and no other
    expect(second.outputs['response-id']).toBe(job);
    expect(second.outputs.text).toContain('[ModelStream emulator]');
    expect(h.markedComments(pr.number)[0]!.body).toContain('"state":"done"');
  });
});

describe('issue 14: cost where a person looks', () => {
  it('cost-usd and price-source outputs, the cost in the step summary and the comment footer, the estimate too', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const result = await h.run(pr.number, { 'max-cost-usd': '100' });
    expect(result.code, result.stdout).toBe(0);
    const input = Number(result.outputs['prompt-tokens']);
    const output = Number(result.outputs['completion-tokens']);
    // Hand-computed at the list prices, below 272K input tokens: $30 / $180 per million.
    const expected = Math.round(((input * 30 + output * 180) / 1e6) * 1e6) / 1e6;
    expect(Number(result.outputs['cost-usd'])).toBeCloseTo(expected, 6);
    expect(Number(result.outputs['cost-usd'])).toBeGreaterThan(0);
    expect(result.outputs['price-source']).toContain("OpenAI's list prices for gpt-5.4-pro");
    expect(result.summary).toMatch(
      /Cost: \*\*\$[\d.]+\*\* \(up to 272,000 input tokens; OpenAI's list prices/,
    );
    expect(result.summary).toContain('Estimate before sending: at most **$');
    expect(result.summary).toContain('(within max-cost-usd $100)');
    expect(h.markedComments(pr.number)[0]!.body).toMatch(/\$[\d.]+ at OpenAI's list prices/);
  });

  it('price-multiplier scales every price, and the outputs say which prices were used', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const result = await h.run(pr.number, { 'price-multiplier': '2.5' });
    expect(result.code, result.stdout).toBe(0);
    const input = Number(result.outputs['prompt-tokens']);
    const output = Number(result.outputs['completion-tokens']);
    const expected = ((input * 30 + output * 180) / 1e6) * 2.5;
    expect(Number(result.outputs['cost-usd'])).toBeCloseTo(expected, 5);
    expect(result.outputs['price-source']).toContain('× 2.5 (price multiplier setting)');
  });

  it('max-cost-usd refuses a request over the ceiling with the numbers, before any request or GitHub write', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    h.github().clearRequests();
    const result = await h.run(pr.number, { 'max-cost-usd': '0.05' });
    expect(result.code).toBe(1);
    const error = result.stdout.split('\n').find((l) => l.startsWith('::error'))!;
    expect(error).toMatch(/input max-cost-usd: this request may cost up to ≤ \$[\d.]+ \([\d,]+ input tokens/);
    expect(error).toContain('up to 128,000 output tokens');
    expect(error).toContain('above the ceiling of $0.05; nothing was sent');
    expect(h.emulator().requests()).toEqual([]);
    expect(
      h
        .github()
        .requests()
        .filter((r) => r.method !== 'GET'),
    ).toEqual([]);
    expect(h.markedComments(pr.number)).toEqual([]);
  });

  it('a bad max-cost-usd or price-multiplier is named with the value and what is allowed', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const result = await h.run(pr.number, { 'max-cost-usd': 'ten', 'price-multiplier': '-1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'input max-cost-usd: "ten" is not allowed; use an amount in US dollars above 0',
    );
    expect(result.stdout).toContain('input price-multiplier: "-1" is not allowed; use a number above 0');
    expect(h.emulator().requests()).toEqual([]);
  });
});
