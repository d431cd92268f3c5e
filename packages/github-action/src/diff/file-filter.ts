import picomatch from 'picomatch';
import type { DiffFile } from './diff-file.js';

export type SkipReason =
  | 'lockfile'
  | 'generated'
  | 'vendored'
  | 'binary'
  | 'excluded'
  | 'not-included'
  | 'no-patch';

/** Lockfiles: machine-written, huge, and says nothing a reviewer reads. */
export const LOCKFILE_PATTERNS = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'go.sum',
  'flake.lock',
  'mix.lock',
  'Podfile.lock',
  'pubspec.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'Package.resolved',
];

export const GENERATED_PATTERNS = [
  '**/dist/**',
  '*.min.js',
  '*.min.css',
  '*.map',
  '*.snap',
  '**/__snapshots__/**',
  '*.generated.*',
  '*.g.dart',
  '*.pb.go',
  '*_pb2.py',
  '*_pb2_grpc.py',
  '*.designer.cs',
];

export const VENDORED_PATTERNS = [
  '**/node_modules/**',
  'vendor/**',
  '**/vendor/**',
  'third_party/**',
  '**/third_party/**',
  'third-party/**',
  '**/third-party/**',
  '**/bower_components/**',
];

// biome-ignore format: a table
export const BINARY_EXTENSIONS = [
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'bmp', 'tif', 'tiff', 'avif', 'heic', 'psd',
  'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'zst', 'jar', 'war', 'whl',
  'exe', 'dll', 'so', 'dylib', 'a', 'o', 'obj', 'class', 'wasm', 'bin', 'dat',
  'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4', 'm4a', 'wav', 'ogg', 'flac', 'mov', 'avi', 'webm',
  'sqlite', 'db', 'pyc', 'node',
];

/** "a, b\nc" → ["a", "b", "c"]. */
export function parseGlobList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A pattern with a `/` matches the whole path; one without matches the base name (as in .gitignore).
 * picomatch's own `basename` option applies to every pattern, so the two kinds are compiled apart.
 */
function matcher(patterns: readonly string[]): (path: string) => boolean {
  const full = patterns.filter((p) => p.includes('/'));
  const base = patterns.filter((p) => !p.includes('/'));
  const matchFull = full.length > 0 ? picomatch(full, { dot: true }) : () => false;
  const matchBase = base.length > 0 ? picomatch(base, { dot: true }) : () => false;
  return (path) => matchFull(path) || matchBase(path.slice(path.lastIndexOf('/') + 1));
}

export interface FilterOptions {
  include?: readonly string[];
  exclude?: readonly string[];
}

export interface FilterResult {
  kept: DiffFile[];
  skipped: { file: DiffFile; reason: SkipReason }[];
}

/**
 * Picks the files worth sending. `exclude` always wins; a file named by `include` is kept even when it
 * looks like a lockfile, generated or vendored; with `include` set, other files are left out.
 */
export function filterFiles(files: readonly DiffFile[], opts: FilterOptions = {}): FilterResult {
  const included = matcher(opts.include ?? []);
  const excluded = matcher(opts.exclude ?? []);
  const lockfile = matcher(LOCKFILE_PATTERNS);
  const generated = matcher(GENERATED_PATTERNS);
  const vendored = matcher(VENDORED_PATTERNS);
  const binaryExtension = new RegExp(`\\.(${BINARY_EXTENSIONS.join('|')})$`, 'i');
  const hasInclude = (opts.include?.length ?? 0) > 0;
  const kept: DiffFile[] = [];
  const skipped: FilterResult['skipped'] = [];
  for (const file of files) {
    const named = hasInclude && included(file.path);
    let reason: SkipReason | undefined;
    if (excluded(file.path)) reason = 'excluded';
    else if (hasInclude && !named) reason = 'not-included';
    else if (file.binary || binaryExtension.test(file.path)) reason = 'binary';
    else if (!named && lockfile(file.path)) reason = 'lockfile';
    else if (!named && vendored(file.path)) reason = 'vendored';
    else if (!named && generated(file.path)) reason = 'generated';
    else if (file.patch === undefined || file.patch.length === 0) reason = 'no-patch';
    if (reason) skipped.push({ file, reason });
    else kept.push(file);
  }
  return { kept, skipped };
}
