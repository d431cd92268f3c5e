// Runs n8n's verification scanner (@n8n/scan-community-package) on this package as far as it works
// without publishing: its ESLint legs on the packed tarball (compiled .js and package.json) and on the
// source (package.json, nodes/ and credentials/). The scanner is installed once into a cache outside the
// workspace: it depends on TypeScript 7, which would otherwise become the peer of this package's tools.
//
// Not run here, because they need the package published with provenance: the npm provenance check
// (the registry's attestations), fetching the attested source commit from GitHub, and downloading the
// tarball by name from the registry. `npx @n8n/scan-community-package n8n-nodes-modelstream` runs them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCANNER_VERSION = '0.32.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'modelstream-kit');
const scannerDir = join(cache, `scan-community-package-${SCANNER_VERSION}`);

if (!existsSync(join(scannerDir, 'node_modules/@n8n/scan-community-package'))) {
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'scan-community-package-installing-'));
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      work,
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      `@n8n/scan-community-package@${SCANNER_VERSION}`,
    ],
    { stdio: 'inherit' },
  );
  if (!existsSync(scannerDir)) renameSync(work, scannerDir);
  else rmSync(work, { recursive: true, force: true });
}

const out = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: root, stdio: 'ignore' });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  const unpacked = join(out, 'package');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', join(out, tarball), '-C', unpacked, '--strip-components=1']);

  const scanner = join(scannerDir, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');
  const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scanner).href);
  const legs = [
    ['tarball (dist/**/*.js, package.json)', await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
    ['source (package.json, nodes/, credentials/)', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
  ];
  let failed = false;
  for (const [name, result] of legs) {
    process.stdout.write(
      `${result.passed ? 'passed' : 'FAILED'}: ${name}${result.message ? ` — ${result.message}` : ''}\n`,
    );
    if (result.details) process.stdout.write(`${result.details}\n`);
    failed ||= !result.passed;
  }
  process.stdout.write(
    `@n8n/scan-community-package ${SCANNER_VERSION}: not run offline: the npm provenance check, the attested source fetch, the download by name.\n`,
  );
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(out, { recursive: true, force: true });
}
