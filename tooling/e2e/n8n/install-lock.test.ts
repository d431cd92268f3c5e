import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installLock } from './install-lock.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function lockPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'modelstream-lock-'));
  dirs.push(dir);
  return join(dir, 'n8n.lock');
}

describe('the install lock of the n8n cache', () => {
  it('lets one caller install while the other waits, then hands the other the finished install', async () => {
    const lock = await lockPath();
    let finished = false;
    const first = await installLock(lock, () => finished, { pollMs: 20 });
    expect(first).toBeTypeOf('function');
    expect(existsSync(join(lock, 'pid'))).toBe(true);
    let secondSettled = false;
    const second = installLock(lock, () => finished, { pollMs: 20 }).finally(() => {
      secondSettled = true;
    });
    // The second caller keeps waiting while the first holds the lock (its pid is alive: this process).
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondSettled).toBe(false);
    finished = true;
    await first?.();
    expect(await second).toBeUndefined();
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose installer is gone', async () => {
    const lock = await lockPath();
    await mkdir(lock);
    // No process has this pid (the kernel's limit is far below it).
    await writeFile(join(lock, 'pid'), '2147483646');
    const release = await installLock(lock, () => false, { pollMs: 20, waitMs: 2_000 });
    expect(release).toBeTypeOf('function');
    await release?.();
  });

  it('gives up, naming the lock, when the installer never finishes', async () => {
    const lock = await lockPath();
    const held = await installLock(lock, () => false, { pollMs: 20 });
    await expect(installLock(lock, () => false, { pollMs: 20, waitMs: 200 })).rejects.toThrow(
      `gave up after 0.2 s waiting for another install of n8n (${lock})`,
    );
    await held?.();
  });
});
