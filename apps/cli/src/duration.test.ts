import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads bare seconds and units', () => {
    expect(parseDuration('--timeout', '90')).toBe(90_000);
    expect(parseDuration('--timeout', '1.5')).toBe(1_500);
    expect(parseDuration('--timeout', '250ms')).toBe(250);
    expect(parseDuration('--timeout', '30s')).toBe(30_000);
    expect(parseDuration('--timeout', '5m')).toBe(300_000);
    expect(parseDuration('--timeout', '1h')).toBe(3_600_000);
  });

  it('names the flag, the value and what is allowed', () => {
    expect(() => parseDuration('--max-wait', 'soon')).toThrow(
      /^--max-wait: "soon" is not allowed; use a positive duration/,
    );
    expect(() => parseDuration('--timeout', '0')).toThrow(/--timeout: "0"/);
    expect(() => parseDuration('--timeout', '-3')).toThrow(/--timeout: "-3"/);
  });
});
