import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// n8n's scanner lints every .js file of a community node, which bundles this entry: it must import
// nothing but zod and touch no timers, process, globalThis, file system or console.
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const FORBIDDEN = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'process',
  'globalThis',
  '__dirname',
  '__filename',
  'console',
  'require("fs")',
  "from 'fs'",
];

function moduleGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const code = readFileSync(join(dist, file), 'utf8');
    seen.set(file, code);
    for (const m of code.matchAll(/(?:from\s+|require\()\s*["'](\.\/[^"']+)["']/g)) visit(m[1]!.slice(2));
  };
  visit(entry);
  return seen;
}

function bareImports(code: string): string[] {
  return [...code.matchAll(/(?:from\s+|require\(|import\s+)\s*["']([^"'.][^"']*)["']/g)].map((m) => m[1]!);
}

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"'`\\])\/\/.*$/gm, '$1');
}

describe.each(['index.js', 'index.cjs'])('the built main entry %s', (entry) => {
  const graph = moduleGraph(entry);

  it('imports nothing but zod/v4', () => {
    const imports = new Set([...graph.values()].flatMap(bareImports));
    expect([...imports]).toEqual(['zod/v4']);
  });

  it.each(FORBIDDEN)('does not use %s', (name) => {
    for (const [file, code] of graph) {
      const pattern = new RegExp(`(^|[^A-Za-z0-9_$.])${name.replace(/[()."']/g, '\\$&')}(?![A-Za-z0-9_$])`);
      expect(pattern.test(stripComments(code)), `${name} in ${file}`).toBe(false);
    }
  });
});
