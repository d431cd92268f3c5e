import { describe, expect, it } from 'vitest';
import type { DiffFile } from './diff-file.js';
import { filterFiles, parseGlobList } from './file-filter.js';

const file = (path: string, extra: Partial<DiffFile> = {}): DiffFile => ({
  path,
  status: 'modified',
  patch: '@@ -1 +1 @@\n-a\n+b',
  binary: false,
  ...extra,
});

const reasons = (files: DiffFile[], opts = {}) => {
  const { kept, skipped } = filterFiles(files, opts);
  return {
    kept: kept.map((f) => f.path),
    skipped: Object.fromEntries(skipped.map((s) => [s.file.path, s.reason])),
  };
};

describe('filterFiles', () => {
  it('leaves out lockfiles, generated, vendored and binary files by default, and files with no patch', () => {
    const result = reasons([
      file('src/index.ts'),
      file('pnpm-lock.yaml'),
      file('apps/web/package-lock.json'),
      file('packages/a/dist/index.js'),
      file('web/app.min.js'),
      file('vendor/github.com/x/y.go'),
      file('lib/node_modules/z/index.js'),
      file('docs/logo.png'),
      file('data.bin', { binary: true }),
      file('huge.sql', { patch: undefined }),
      file('src/__snapshots__/a.test.ts.snap'),
    ]);
    expect(result.kept).toEqual(['src/index.ts']);
    expect(result.skipped).toEqual({
      'pnpm-lock.yaml': 'lockfile',
      'apps/web/package-lock.json': 'lockfile',
      'packages/a/dist/index.js': 'generated',
      'web/app.min.js': 'generated',
      'vendor/github.com/x/y.go': 'vendored',
      'lib/node_modules/z/index.js': 'vendored',
      'docs/logo.png': 'binary',
      'data.bin': 'binary',
      'huge.sql': 'no-patch',
      'src/__snapshots__/a.test.ts.snap': 'generated',
    });
  });

  it('honours exclude (always) and include (only those; named files kept despite the defaults)', () => {
    const files = [
      file('src/a.ts'),
      file('src/a.test.ts'),
      file('docs/x.md'),
      file('packages/x/dist/out.js'),
    ];
    expect(reasons(files, { exclude: ['*.test.ts', 'docs/**'] })).toEqual({
      kept: ['src/a.ts'],
      skipped: {
        'src/a.test.ts': 'excluded',
        'docs/x.md': 'excluded',
        'packages/x/dist/out.js': 'generated',
      },
    });
    expect(reasons(files, { include: ['src/**', '**/dist/**'], exclude: ['*.test.ts'] })).toEqual({
      kept: ['src/a.ts', 'packages/x/dist/out.js'],
      skipped: { 'src/a.test.ts': 'excluded', 'docs/x.md': 'not-included' },
    });
  });

  it('matches dotfiles and base names', () => {
    expect(
      reasons([file('.github/workflows/ci.yml'), file('a/b/.env.example')], { include: ['.env.*'] }).kept,
    ).toEqual(['a/b/.env.example']);
  });

  it('parses glob lists from lines or commas', () => {
    expect(parseGlobList(' src/**, *.md\n\n docs/** \n')).toEqual(['src/**', '*.md', 'docs/**']);
    expect(parseGlobList(undefined)).toEqual([]);
  });
});
