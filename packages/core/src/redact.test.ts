import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('removes the given secrets, key-shaped strings and bearer tokens', () => {
    const out = redactSecrets(
      'Incorrect API key provided: sk-test-abc123xyz. Authorization: Bearer tok_12345 and custom-secret',
      ['custom-secret'],
    );
    expect(out).not.toContain('abc123xyz');
    expect(out).not.toContain('tok_12345');
    expect(out).not.toContain('custom-secret');
    expect(out).toContain('sk-[redacted]');
  });
});
