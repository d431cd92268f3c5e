import { readFileSync } from 'node:fs';
import { gpt54Pro } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { fieldsMarkdown } from './docs.js';

/** Cells trimmed and rules shortened, so the formatter may pad the table as it likes. */
const normalise = (table: string) =>
  table
    .split('\n')
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .map((cell) => (/^\s*-{3,}\s*$/.test(cell) ? '---' : cell.trim()))
        .join('|'),
    )
    .join('\n');

describe('README', () => {
  it('carries the field table generated from the spec', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /<!-- fields:start -->\n([\s\S]*?)\n<!-- fields:end -->/.exec(readme)?.[1];
    expect(normalise(block ?? ''), 'paste fieldsMarkdown(gpt54Pro) between the fields markers').toBe(
      normalise(fieldsMarkdown(gpt54Pro)),
    );
  });
});
