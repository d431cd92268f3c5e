import { describe, expect, it } from 'vitest';
import { toCamelCase, toCanonicalName, toKebabCase } from './naming.js';

describe('naming', () => {
  it('renders canonical names in each surface convention and back', () => {
    expect(toKebabCase('reasoning_effort')).toBe('reasoning-effort');
    expect(toCamelCase('max_output_tokens')).toBe('maxOutputTokens');
    expect(toCanonicalName('maxOutputTokens')).toBe('max_output_tokens');
    expect(toCanonicalName('reasoning-effort')).toBe('reasoning_effort');
  });
});
