import { describe, expect, it } from 'vitest';
import { connectionRuleProblem, RuleQueue, ruleProblem } from './rules.js';

describe('RuleQueue', () => {
  it('applies a rule to the nth matching request, counting only matching ones, once', () => {
    const rules = new RuleQueue();
    rules.enqueue({
      match: { method: 'GET', path: '/v1/responses/', nth: 2 },
      action: 'reset',
      afterBytes: 10,
    });
    expect(rules.take('GET', '/v1/responses/a')).toBeUndefined();
    expect(rules.take('POST', '/v1/responses/a/cancel')).toBeUndefined();
    expect(rules.take('GET', '/v1/models')).toBeUndefined();
    expect(rules.take('GET', '/v1/responses/a')).toMatchObject({ action: 'reset', afterBytes: 10 });
    expect(rules.take('GET', '/v1/responses/a')).toBeUndefined();
    expect(rules.pending()).toEqual([]);
  });

  it('keeps queue order: a rule whose turn comes while an earlier one applies waits for the next match', () => {
    const rules = new RuleQueue();
    rules.enqueue({ action: 'stall' }, { action: 'split' }, { match: { method: 'get' }, action: 'pass' });
    expect(rules.take('POST', '/')?.action).toBe('stall');
    expect(rules.take('POST', '/')?.action).toBe('split');
    expect(rules.take('POST', '/')).toBeUndefined();
    expect(rules.take('GET', '/')?.action).toBe('pass');
  });

  it('refuses a bad rule, naming the field, and queues none of the batch', () => {
    const rules = new RuleQueue();
    expect(() => rules.enqueue({ action: 'pass' }, { action: 'explode' } as never)).toThrow(
      'rules[1].action: "explode" is not an action; use pass, reset, stall, split, corrupt, delay-headers',
    );
    expect(rules.pending()).toEqual([]);
  });

  it.each([
    [{ action: 'reset', afterBytes: -1 }, 'rules[0].afterBytes: must be a whole number >= 0'],
    [
      { action: 'reset', afterBytes: 1, afterBodyBytes: 1 },
      'rules[0]: give afterBytes or afterBodyBytes, not both',
    ],
    [{ action: 'split', maxBytes: 0 }, 'rules[0].maxBytes: must be a whole number >= 1'],
    [{ action: 'corrupt', dataLine: 0 }, 'rules[0].dataLine: must be a whole number >= 1'],
    [{ action: 'corrupt', bytes: '' }, 'rules[0].bytes: must be a non-empty string'],
    [{ action: 'delay-headers' }, 'rules[0].ms: must be a whole number >= 0'],
    [{ action: 'pass', match: { nth: 0 } }, 'rules[0].match.nth: must be a whole number >= 1'],
    [{ action: 'pass', match: 'GET' }, 'rules[0].match: must be { method?, path?, nth? }'],
  ])('explains what is wrong with %j', (rule, message) => {
    expect(ruleProblem(rule, 0)).toBe(message);
  });

  it('checks connection rules', () => {
    expect(connectionRuleProblem({ action: 'reset' }, 0)).toBeUndefined();
    expect(connectionRuleProblem({ action: 'split' }, 2)).toBe(
      'connectionRules[2].action: "split" is not allowed; use reset or stall',
    );
  });
});
