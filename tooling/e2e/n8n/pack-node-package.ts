import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const nodePackageDir = fileURLToPath(new URL('../../../packages/n8n-nodes/', import.meta.url));

export interface PackedPackage {
  /** The unpacked package: what `npm install n8n-nodes-modelstream` would put on disk. */
  dir: string;
  tarball: string;
  cleanup(): Promise<void>;
}

/** Packs n8n-nodes-modelstream the way it is published (pnpm pack) and unpacks the tarball. */
export async function packNodePackage(): Promise<PackedPackage> {
  if (!existsSync(join(nodePackageDir, 'dist/nodes/ModelStream/ModelStream.node.js'))) {
    throw new Error(
      `n8n-nodes-modelstream is not built (no dist/ in ${nodePackageDir}); run \`pnpm turbo run build --filter=n8n-nodes-modelstream\` first`,
    );
  }
  const root = await mkdtemp(join(tmpdir(), 'modelstream-n8n-pack-'));
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    await run('pnpm', ['pack', '--pack-destination', root], { cwd: nodePackageDir, timeout: 120_000 });
    const tarball = (await readdir(root)).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack left no tarball in ${root}`);
    const dir = join(root, 'unpacked');
    await mkdir(dir);
    await run('tar', ['xzf', join(root, tarball), '-C', dir, '--strip-components=1'], { timeout: 60_000 });
    return { dir, tarball: join(root, tarball), cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Every file in a directory tree, relative to it. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, path)));
    else out.push(path);
  }
  return out.sort();
}
