import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

describe('dist/index.js (the committed bundle GitHub runs)', () => {
  it('is what the sources build today (else: `pnpm --filter @modelstream-kit/github-action build` and commit dist/)', async () => {
    const options = Array.isArray(config) ? config[0] : config;
    process.chdir(packageDir);
    await build({ ...options, outDir, config: false, silent: true });
    const fresh = readFileSync(join(outDir, 'index.js'));
    const committed = committedBytes('dist/index.js');
    expect(
      { sha256: sha(committed.bytes), size: committed.bytes.length },
      `dist/index.js (from ${committed.source}) is stale`,
    ).toEqual({ sha256: sha(fresh), size: fresh.length });
  });

  it('is one self-contained file: no import of anything but node: built-ins', () => {
    const text = readFileSync(join(packageDir, 'dist/index.js'), 'utf8');
    // node:sqlite (Node 22.5+) is required lazily by undici's SQLite cache store, which the action never uses.
    const builtins = new Set([...builtinModules, 'sqlite']);
    const isBuiltin = (name: string) => builtins.has(name.replace(/^node:/, ''));
    const imports = [...text.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    const requires = [...text.matchAll(/__require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    expect([...imports, ...requires].filter((name) => !isBuiltin(name))).toEqual([]);
  });
});
