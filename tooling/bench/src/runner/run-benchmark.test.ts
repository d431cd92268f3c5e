import { describe, expect, it } from 'vitest';
import { mediansOf, orderFor } from './run-benchmark.js';

describe('round bookkeeping', () => {
  it('rotates the contender order each round so each goes first in turn', () => {
    const names = ['a', 'b', 'c'];
    expect([0, 1, 2, 3].map((r) => orderFor(names, r).join(''))).toEqual(['abc', 'bca', 'cab', 'abc']);
  });

  it('takes the median of each metric over the rounds', () => {
    expect(
      mediansOf([
        { x: 1, y: 10 },
        { x: 5, y: 30 },
        { x: 3, y: 20 },
      ]),
    ).toEqual({ x: 3, y: 20 });
  });
});
