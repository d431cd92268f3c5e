import { describe, expect, it } from 'vitest';
import { budgetDiff, MIN_SHARE_TOKENS } from './budget-diff.js';
import { fitLines, loadTokenizer } from './count-tokens.js';

await loadTokenizer();

import type { DiffFile } from './diff-file.js';
import { manifestForMarkdown, manifestForPrompt } from './manifest-text.js';
import { prepareDiff } from './prepare-diff.js';

function patchOf(lines: number, seed = 'value'): string {
  return [
    '@@ -1,1 +1,1 @@',
    ...Array.from({ length: lines }, (_, i) => `+const ${seed}${i} = compute(${i}, "${seed}");`),
  ].join('\n');
}
const file = (path: string, lines: number): DiffFile => ({
  path,
  status: 'modified',
  patch: patchOf(lines, path.replace(/\W/g, '_')),
  binary: false,
});

describe('budgetDiff', () => {
  it('keeps everything whole when it fits, in the original order', () => {
    const files = [file('b.ts', 5), file('a.ts', 3)];
    const result = budgetDiff(files, 10_000);
    expect(result.files.map((f) => [f.file.path, f.truncated])).toEqual([
      ['b.ts', undefined],
      ['a.ts', undefined],
    ]);
    expect(result.overBudget).toEqual([]);
    expect(result.usedTokens).toBe(result.files.reduce((n, f) => n + f.tokens, 0));
    // The count is the real tokenizer's count of the text sent.
    expect(result.usedTokens).toBe(fitLines(result.files.map((f) => f.text).join(''), 1e9).tokens);
  });

  it('never passes the budget: small files whole, big ones truncated with a note, the rest left out', () => {
    const files = [file('huge.ts', 5_000), file('small.ts', 3), file('mid.ts', 40), file('big.ts', 2_000)];
    const result = budgetDiff(files, 3_000);
    expect(result.usedTokens).toBeLessThanOrEqual(3_000);
    const byPath = Object.fromEntries(result.files.map((f) => [f.file.path, f]));
    expect(byPath['small.ts']!.truncated).toBeUndefined();
    expect(byPath['mid.ts']!.truncated).toBeUndefined();
    expect(byPath['big.ts']!.truncated).toMatchObject({ totalLines: 2_001 });
    expect(byPath['big.ts']!.text).toMatch(
      /\[\.\.\. truncated: the first \d+ of 2001 lines are shown \.\.\.\]\n$/,
    );
    expect(byPath['huge.ts']!.truncated!.shownLines).toBeGreaterThan(0);
    // Fair share: the two files that did not fit get about the same room.
    const big = byPath['big.ts']!.tokens;
    const huge = byPath['huge.ts']!.tokens;
    expect(Math.abs(big - huge)).toBeLessThan(100);
  });

  it('leaves files out rather than show less than a useful glimpse', () => {
    const files = Array.from({ length: 50 }, (_, i) => file(`f${i}.ts`, 400));
    const result = budgetDiff(files, 2_000);
    expect(result.files.length).toBeLessThanOrEqual(2_000 / MIN_SHARE_TOKENS);
    expect(result.files.length + result.overBudget.length).toBe(50);
    expect(result.usedTokens).toBeLessThanOrEqual(2_000);
  });

  it('budgets a 20 MB diff quickly (cost follows the budget, not the size)', () => {
    const files = Array.from({ length: 2_000 }, (_, i) => file(`pkg${i % 40}/file${i}.ts`, 200));
    const size = files.reduce((n, f) => n + (f.patch?.length ?? 0), 0);
    expect(size).toBeGreaterThan(15_000_000);
    const started = performance.now();
    const result = budgetDiff(files, 50_000);
    const elapsed = performance.now() - started;
    expect(result.usedTokens).toBeLessThanOrEqual(50_000);
    expect(result.files.length + result.overBudget.length).toBe(2_000);
    expect(elapsed).toBeLessThan(10_000); // generous: a shared 2-core machine; tooling/bench measures it
  });
});

describe('prepareDiff and its manifest', () => {
  const files: DiffFile[] = [
    file('src/core.ts', 3_000),
    file('src/util.ts', 10),
    { path: 'pnpm-lock.yaml', status: 'modified', patch: patchOf(50), binary: false },
    { path: 'img/logo.png', status: 'added', patch: undefined, binary: false },
    file('docs/guide.md', 10),
  ];
  const diff = prepareDiff(files, { maxTokens: 2_000, exclude: ['docs/**'], changedFiles: 3_200 });

  it('says exactly what was left out or cut, and why, in the files order', () => {
    expect(diff.manifest.map((e) => [e.path, e.reason])).toEqual([
      ['src/core.ts', 'truncated'],
      ['pnpm-lock.yaml', 'lockfile'],
      ['img/logo.png', 'binary'],
      ['docs/guide.md', 'excluded'],
      ['(3,195 more files)', 'not-listed'],
    ]);
    expect(diff.manifest[0]!.detail).toMatch(/^truncated: the first [\d,]+ of 3,001 lines shown$/);
    expect(diff.stats).toMatchObject({ changedFiles: 3_200, shownWhole: 1, truncated: 1, omitted: 3 });
  });

  it('puts the manifest in the prompt and in a collapsed Markdown table', () => {
    const text = manifestForPrompt(diff);
    expect(text).toContain('3,200 changed files: 1 shown whole, 1 truncated, 3,198 left out');
    expect(text).toContain('- pnpm-lock.yaml: lockfile (left out by default)');
    const md = manifestForMarkdown(diff);
    expect(md).toMatch(/^<details>\n<summary>Diff: /);
    expect(md).toContain('| `img/logo.png` | binary file |');
  });

  it('caps long manifests and counts the rest by reason', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      path: `vendor/x${i}.go`,
      status: 'modified',
      patch: '@@\n+x',
      binary: false,
    }));
    const big = prepareDiff(many, { maxTokens: 1_000 });
    expect(manifestForPrompt(big)).toContain('- ... and 100 more (vendored: 100)');
    expect(manifestForMarkdown(big)).toContain('| ... and 200 more | vendored: 200 |');
  });
});

describe('listing omissions (issue 16)', () => {
  // 300 small vendored files sort before an 18 MB generated bundle and a big lockfile.
  const files: DiffFile[] = [
    ...Array.from({ length: 300 }, (_, i) => ({
      path: `a/vendor/x${String(i).padStart(3, '0')}.go`,
      status: 'modified',
      patch: `@@\n+${'v'.repeat(i)}`,
      binary: false,
    })),
    { path: 'web/small.min.js', status: 'modified', patch: '@@\n+x', binary: false },
    // GitHub sends no patch for a file this large: its changed lines tell its size.
    { path: 'z/dist/bundle.js', status: 'modified', additions: 450_000, patch: undefined, binary: false },
    { path: 'z/pnpm-lock.yaml', status: 'modified', patch: `@@\n+${'l'.repeat(50_000)}`, binary: false },
  ];
  const diff = prepareDiff(files, { maxTokens: 1_000 });

  it('lists what was left out by rule, largest first, and names every rule’s biggest files', () => {
    for (const text of [manifestForMarkdown(diff), manifestForPrompt(diff, 50)]) {
      expect(text).toContain('z/dist/bundle.js');
      expect(text).toContain('z/pnpm-lock.yaml');
      expect(text.indexOf('z/dist/bundle.js')).toBeLessThan(text.indexOf('web/small.min.js'));
      // The largest vendored files come first, the small ones are the ones counted.
      expect(text).toContain('a/vendor/x299.go');
      expect(text).not.toContain('a/vendor/x000.go');
    }
    expect(manifestForMarkdown(diff)).toContain('| ... and 203 more | vendored: 203 |');
    // The output keeps every file, in the files' order.
    expect(diff.manifest).toHaveLength(303);
  });

  it('never reduces a whole reason to a count while another fills the list', () => {
    const text = manifestForPrompt(diff, 10);
    for (const path of ['z/dist/bundle.js', 'z/pnpm-lock.yaml', 'a/vendor/x299.go'])
      expect(text).toContain(path);
  });
});
