import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { ValidationError } from '@modelstream-kit/core';

/** Prompt files and `{{file:...}}`: far above any prompt the model's context window takes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * `diff-file`: a diff is budgeted (only `max-diff-tokens` of it is sent, counting stops at the budget),
 * so its size only costs reading it. 512 MiB is V8's longest string; real pull request diffs are far
 * below (GitHub itself stops showing a diff at 20,000 lines or 1 MB per file).
 */
export const MAX_DIFF_FILE_BYTES = 512 * 1024 * 1024 - 64;

function problem(field: string, value: string, message: string): ValidationError {
  return new ValidationError([{ field, value, allowed: 'a readable file inside the workspace', message }]);
}

/**
 * Reads a file named by an input (`prompt-file`, `{{file:...}}`, `diff-file`), relative to the workspace.
 * Paths that leave the workspace (`..`, absolute paths elsewhere, symlinks out) are refused, except for
 * `allowOutside` inputs such as a downloaded artifact under RUNNER_TEMP.
 */
export async function readWorkspaceFile(
  workspace: string,
  field: string,
  path: string,
  options: { allowOutside?: readonly string[]; maxBytes?: number | undefined } = {},
): Promise<string> {
  const full = resolve(workspace, path);
  let real: string;
  try {
    real = await realpath(full);
  } catch {
    throw problem(field, path, `${field}: ${JSON.stringify(path)} does not exist (resolved to ${full})`);
  }
  const roots = [workspace, ...(options.allowOutside ?? [])];
  const realRoots = await Promise.all(roots.map((r) => realpath(r).catch(() => resolve(r))));
  const inside = realRoots.some((root) => {
    const rel = relative(root, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  if (!inside) {
    throw problem(
      field,
      path,
      `${field}: ${JSON.stringify(path)} is outside the workspace; use a path inside it`,
    );
  }
  const info = await stat(real);
  if (!info.isFile()) throw problem(field, path, `${field}: ${JSON.stringify(path)} is not a file`);
  const limit = options.maxBytes ?? MAX_FILE_BYTES;
  if (info.size > limit) {
    throw problem(
      field,
      path,
      `${field}: ${JSON.stringify(path)} is ${info.size} bytes; the limit is ${limit}`,
    );
  }
  return readFile(real, 'utf8');
}
