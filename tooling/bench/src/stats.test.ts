import { describe, expect, it } from 'vitest';
import { median, percentile, round3 } from './stats.js';

describe('stats', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('rounds to three significant digits', () => {
    expect(round3(1234.567)).toBe(1235);
    expect(round3(0.012345)).toBe(0.0123);
    expect(round3(7.77777)).toBe(7.78);
  });
});
