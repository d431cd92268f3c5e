import { readFileSync } from 'node:fs';
import { gpt54Pro } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { fieldsMarkdown } from './docs.js';

describe('README', () => {
  it('carries the field table generated from the spec', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /<!-- fields:start -->\n([\s\S]*?)\n<!-- fields:end -->/.exec(readme)?.[1];
    expect(block, 'paste the expected table between the fields markers').toBe(fieldsMarkdown(gpt54Pro));
  });
});
