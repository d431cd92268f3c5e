import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const now = Date.parse('2026-11-25T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads retry-after-ms first, then Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' }, now)).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': '2' }, now)).toBe(2000);
    expect(parseRetryAfter({ 'retry-after': '0.5' }, now)).toBe(500);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 25 Nov 2026 10:00:30 GMT' }, now)).toBe(30_000);
  });

  it('keeps large hints whole, clamps past dates to zero, ignores junk', () => {
    expect(parseRetryAfter({ 'retry-after': '3600' }, now)).toBe(3_600_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 25 Nov 2026 09:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});
