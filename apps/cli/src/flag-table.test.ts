import { readFileSync } from 'node:fs';
import { gpt54Pro, toKebabCase } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { normalizeTables, referenceMarkdown, withReference } from './flag-table.js';

describe('the README reference', () => {
  it('lists every spec parameter as a flag with its help text', () => {
    const markdown = referenceMarkdown();
    for (const param of gpt54Pro.params) {
      if (param.name === 'prompt') continue;
      expect(markdown).toContain(`\`--${toKebabCase(param.name)}`);
      expect(markdown).toContain(param.description.replace(/\|/g, '\\|'));
    }
    expect(markdown).toContain('| 130 |');
    expect(markdown).toContain('`MODELSTREAM_API_KEY`');
  });

  it('is up to date in README.md (run `pnpm --filter @modelstream-kit/cli run docs` after changing a flag)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(normalizeTables(withReference(readme))).toBe(normalizeTables(readme));
  });
});
