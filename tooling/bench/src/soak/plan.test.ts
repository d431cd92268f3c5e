import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { countPlannedFaults, planSoak } from './plan.js';

describe('planSoak', () => {
  it('is the same plan for the same seed, and another for another seed', () => {
    const a = planSoak(200, seededRandom(42), 'run');
    expect(planSoak(200, seededRandom(42), 'run')).toEqual(a);
    expect(planSoak(200, seededRandom(43), 'run')).not.toEqual(a);
  });

  it('mixes every kind of call and fault, each call tagged once in its prompt', () => {
    const plan = planSoak(2_000, seededRandom(1), 'run');
    const kinds = new Set(plan.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['background', 'background-abort', 'plain', 'stream']);
    const faults = new Set(
      plan.flatMap((c) => c.faults.map((f) => (f.kind === 'drop' ? `drop ${f.when}` : f.kind))),
    );
    expect([...faults].sort()).toEqual([
      'corrupt-stream-line',
      'drop after-body',
      'drop before-body',
      'job-cancelled',
      'job-fails',
      'malformed-json',
      'slow-headers',
      'status',
      'stream-error',
      'truncate-stream',
    ]);
    expect(new Set(plan.map((c) => c.tag)).size).toBe(plan.length);
    for (const call of plan) expect(call.prompt).toContain(`[tag:${call.tag}]`);
    expect(plan.some((c) => c.deadlineMs !== undefined)).toBe(true);
  });

  it('aims faults at the polls and the streams, from the emulator and from the fault proxy', () => {
    const plan = planSoak(2_000, seededRandom(1), 'run');
    const { byKind, emulator, proxy } = countPlannedFaults(plan);
    for (const name of [
      'emulator poll: 503',
      'emulator poll: 429 retry-after-ms',
      'emulator poll: 429 retry-after',
      'emulator poll: 429 retry-after-past',
      'emulator poll: drop after-body',
      'emulator poll: slow-headers',
      'emulator poll: malformed-json',
      'emulator post: 429 retry-after-past',
      'emulator post: stream-error',
      'emulator post: corrupt-stream-line',
      'proxy poll: reset',
      'proxy poll: reset mid-body',
      'proxy poll: stall mid-head',
      'proxy poll: corrupt',
      'proxy poll: delay-headers',
      'proxy post: reset mid-head',
      'proxy post: corrupt',
      'proxy post: split',
    ]) {
      expect(byKind[name], name).toBeGreaterThan(0);
    }
    expect(emulator.poll).toBeGreaterThan(50);
    expect(emulator.stream).toBeGreaterThan(50);
    expect(proxy.post + proxy.poll).toBeGreaterThan(100);
    // A call with proxy rules goes through the proxy; some clean calls do too.
    for (const call of plan) if (call.proxyRules.length > 0) expect(call.via).toBe('proxy');
    expect(plan.some((c) => c.via === 'proxy' && c.proxyRules.length === 0)).toBe(true);
    // The POST's own fault comes from one side only.
    for (const call of plan) {
      const emulatorOnPost = call.faults.some((f) => f.match?.method === 'POST');
      const proxyOnPost = call.proxyRules.some((r) => r.match?.method === 'POST');
      expect(emulatorOnPost && proxyOnPost).toBe(false);
    }
  });
});
