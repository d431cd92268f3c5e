import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'zapier-stage-'));
const stage = join(dir, 'stage');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/stage.mjs (issue 13, defect 8)', () => {
  it.skipIf(!existsSync(join(packageDir, 'dist', 'index.js')))(
    'writes a .gitignore, so the source zip carries no node_modules, source maps or .zapierapprc',
    () => {
      execFileSync(process.execPath, ['scripts/stage.mjs'], {
        cwd: packageDir,
        env: { ...process.env, ZAPIER_STAGE_DIR: stage, ZAPIER_STAGE_SKIP_INSTALL: '1' },
        stdio: 'pipe',
      });
      const ignored = readFileSync(join(stage, '.gitignore'), 'utf8').split('\n');
      expect(ignored).toEqual(expect.arrayContaining(['node_modules/', '*.map', '.zapierapprc']));
      expect(existsSync(join(stage, 'index.js'))).toBe(true);
      expect(JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')).devDependencies).toBeUndefined();
    },
  );
});
