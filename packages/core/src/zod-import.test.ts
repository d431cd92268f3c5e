import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('zod imports', () => {
  // `import { z }` pulls zod's whole `z` object into every bundle (the action's grew by ~490 KB);
  // a namespace import lets bundlers keep only the schemas the spec builds.
  it('are namespace imports, so bundles keep only the schemas used', () => {
    const named = sources(src).filter((file) =>
      /import\s+(type\s+)?\{[^}]*\bz\b[^}]*\}\s+from\s+['"]zod/.test(readFileSync(file, 'utf8')),
    );
    expect(named).toEqual([]);
  });
});
