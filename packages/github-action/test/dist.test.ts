import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../tsup.config.js';
import { committedBytes, packageDir } from './committed.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const outDir = mkdtempSync(join(tmpdir(), 'action-dist-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const distFiles = () => readdirSync(join(packageDir, 'dist')).sort();

describe('dist/ (the committed bundle GitHub runs)', () => {
  it('is what the sources build today (else: `pnpm --filter @modelstream-kit/github-action build` and commit dist/)', async () => {
    const options = Array.isArray(config) ? config[0] : config;
    process.chdir(packageDir);
    await build({ ...options, outDir, config: false, silent: true });
    const fresh = readdirSync(outDir).sort();
    expect(distFiles(), 'the files in dist/').toEqual(fresh);
    for (const name of fresh) {
      const bytes = readFileSync(join(outDir, name));
      const committed = committedBytes(`dist/${name}`);
      expect(
        { sha256: sha(committed.bytes), size: committed.bytes.length },
        `dist/${name} (from ${committed.source}) is stale`,
      ).toEqual({ sha256: sha(bytes), size: bytes.length });
    }
  });

  it('is self-contained: no import of anything but node: built-ins and its own chunks', () => {
    // node:sqlite (Node 22.5+) is required lazily by undici's SQLite cache store, which the action never uses.
    const builtins = new Set([...builtinModules, 'sqlite']);
    const isBuiltin = (name: string) => builtins.has(name.replace(/^node:/, ''));
    const files = distFiles();
    const own = (name: string) => name.startsWith('./') && files.includes(name.slice(2));
    const imports: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(packageDir, 'dist', file), 'utf8');
      imports.push(...[...text.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!));
      imports.push(...[...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!));
      imports.push(...[...text.matchAll(/__require\("([^"]+)"\)/g)].map((m) => m[1]!));
    }
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((name) => !isBuiltin(name) && !own(name))).toEqual([]);
  });

  it('loads the tokenizer only as a chunk of its own: dist/index.js stays under 2.28 MB (ai-inference v2’s size)', () => {
    const index = readFileSync(join(packageDir, 'dist/index.js'));
    expect(index.length).toBeLessThanOrEqual(2_280_000);
    expect(index.toString('utf8')).not.toContain('o200k_base.js');
    expect(distFiles().some((f) => f.startsWith('tokens-'))).toBe(true);
  });
});
