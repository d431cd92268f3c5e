import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, type PackedPackage, packNodePackage } from './pack-node-package.js';
import { scanConfig } from './scan-config.js';

let packed: PackedPackage;
let files: string[];
let manifest: Record<string, unknown>;

beforeAll(async () => {
  packed = await packNodePackage();
  files = await listFiles(packed.dir);
  manifest = JSON.parse(await readFile(join(packed.dir, 'package.json'), 'utf8'));
});
afterAll(async () => {
  await packed?.cleanup();
});

const eslint = () =>
  new ESLint({
    cwd: packed.dir,
    overrideConfigFile: true,
    allowInlineConfig: false,
    overrideConfig: scanConfig(),
  });

describe('the packed n8n-nodes-modelstream, as n8n verification scans it', () => {
  it('ships the built node, credential, codex, icons and nothing else', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/nodes/ModelStream/ModelStream.node.js',
        'dist/nodes/ModelStream/ModelStream.node.json',
        'dist/credentials/ModelStreamApi.credentials.js',
        'dist/icons/modelstream.svg',
        'dist/icons/modelstream.dark.svg',
      ]),
    );
    expect(files.filter((f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(ts|map)$/.test(f))).toEqual([]);
  });

  it('passes the community-node rules on every .js file and package.json', async () => {
    const targets = [...files.filter((f) => f.endsWith('.js')), 'package.json'];
    expect(targets.length).toBeGreaterThanOrEqual(3);
    const results = await eslint().lintFiles(targets.map((f) => join(packed.dir, f)));
    const problems = results.flatMap((r) =>
      r.messages
        .filter((m) => m.severity === 2)
        .map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(problems).toEqual([]);
    expect(results).toHaveLength(targets.length);
  });

  it('would catch what the cloud rules forbid (the check is not vacuous)', async () => {
    const bad = [
      "const u = require('undici'); setTimeout(() => console.log(process.env.KEY), 1);",
      'module.exports = { u };',
    ].join('\n');
    const [result] = await eslint().lintText(bad, { filePath: join(packed.dir, 'dist/probe.js') });
    const rules = new Set(result?.messages.map((m) => m.ruleId));
    expect(rules).toEqual(
      new Set([
        '@n8n/community-nodes/no-restricted-imports',
        '@n8n/community-nodes/no-restricted-globals',
        'no-console',
      ]),
    );
  });

  it('would catch a runtime dependency in package.json', async () => {
    const withDependency = JSON.stringify({ ...manifest, dependencies: { undici: '^7.0.0' } }, null, 2);
    const [result] = await eslint().lintText(withDependency, { filePath: join(packed.dir, 'package.json') });
    expect(result?.messages.map((m) => m.ruleId)).toContain('@n8n/community-nodes/no-runtime-dependencies');
  });

  it('has zero runtime dependencies: n8n-workflow and the AI node SDK as its only peers, no install scripts', () => {
    for (const field of [
      'dependencies',
      'optionalDependencies',
      'bundleDependencies',
      'bundledDependencies',
    ]) {
      expect(manifest[field], field).toBeUndefined();
    }
    expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*', '@n8n/ai-node-sdk': '*' });
    const scripts = Object.keys((manifest.scripts as Record<string, string>) ?? {});
    for (const hook of ['prepare', 'preinstall', 'install', 'postinstall', 'prepack', 'postpack']) {
      expect(scripts).not.toContain(hook);
    }
  });

  it('requires nothing at run time but n8n-workflow, zod and the AI node SDK, which n8n provides', async () => {
    const required = new Set<string>();
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const code = await readFile(join(packed.dir, file), 'utf8');
      for (const match of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)|\bfrom\s+["']([^"']+)["']/g)) {
        required.add(match[1] ?? match[2] ?? '');
      }
    }
    expect([...required].sort()).toEqual(['@n8n/ai-node-sdk', 'n8n-workflow', 'zod/v4']);
  });

  it('declares the node and credential for n8n, strict, with the community keyword', () => {
    expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, aiNodeSdkVersion: 1, strict: true });
    expect(manifest.keywords).toContain('n8n-community-node-package');
    expect(manifest.license).toBe('MIT');
  });
});
