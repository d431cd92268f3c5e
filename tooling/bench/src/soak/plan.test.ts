import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { planSoak } from './plan.js';

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
      'drop after-body',
      'drop before-body',
      'job-cancelled',
      'job-fails',
      'malformed-json',
      'slow-headers',
      'status',
      'truncate-stream',
    ]);
    expect(new Set(plan.map((c) => c.tag)).size).toBe(plan.length);
    for (const call of plan) expect(call.prompt).toContain(`[tag:${call.tag}]`);
    expect(plan.some((c) => c.deadlineMs !== undefined)).toBe(true);
  });
});
