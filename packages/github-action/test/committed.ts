import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * A file as git has it staged or committed (`git show :path`), which a build in the working tree cannot
 * overwrite; the working-tree copy when git does not track it (yet).
 */
export function committedBytes(relativePath: string): { bytes: Buffer; source: 'git' | 'disk' } {
  try {
    const bytes = execFileSync('git', ['show', `:./${relativePath}`], {
      cwd: packageDir,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { bytes, source: 'git' };
  } catch {
    return { bytes: readFileSync(new URL(`../${relativePath}`, import.meta.url)), source: 'disk' };
  }
}
