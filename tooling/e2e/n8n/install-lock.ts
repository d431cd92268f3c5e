import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_WAIT_MS = 40 * 60_000;
const LOCK_POLL_MS = 2_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A lock folder holding the installer's pid (mkdir is atomic). Returns its release, or undefined when
 * another process finished the install meanwhile. A lock whose process is gone is taken over.
 */
export async function installLock(
  lock: string,
  done: () => boolean,
  { waitMs = LOCK_WAIT_MS, pollMs = LOCK_POLL_MS } = {},
): Promise<(() => Promise<void>) | undefined> {
  for (let i = 0; i < waitMs / pollMs; i++) {
    if (done()) return undefined;
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileOr(join(lock, 'pid')));
    if (holder > 0 && !alive(holder)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`gave up after ${waitMs / 1000} s waiting for another install of n8n (${lock})`);
}

function readFileOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
