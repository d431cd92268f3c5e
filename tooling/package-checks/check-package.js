#!/usr/bin/env node
// `check-package` runs in a package's directory (its `check:package` script):
//   1. publint --strict and attw on the tarball `pnpm pack` makes (workspace:* rewritten, `files` applied),
//      exactly what npm would get; skipped for a package that is not published, with the reason given;
//   2. size-limit on the package's budgets ("size-limit" in package.json, or .size-limit.json), if any.
// Options:
//   --unpublished "<why>"     the package is private: no publint/attw (the reason is printed, and required)
//   --attw-profile <profile>  strict (default: a dual ESM/CJS package) or esm-only (import-only packages)
//   --no-attw "<why>"         publint only (a package nothing imports, such as an n8n node package)
//   --size-report-only "<why>" print the size budgets without failing on them (say until when)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    unpublished: { type: 'string' },
    'attw-profile': { type: 'string', default: 'strict' },
    'no-attw': { type: 'string' },
    'size-report-only': { type: 'string' },
  },
});
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const failures = [];

const here = dirname(fileURLToPath(import.meta.url));

/** The command line of a tool this package depends on (its bin, run by this Node). */
function tool(name, bin) {
  const dir = join(here, 'node_modules', name);
  const bins = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin;
  return [process.execPath, join(dir, typeof bins === 'string' ? bins : bins[bin])];
}

/** Runs a tool with inherited output; returns its exit status. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function attw(args) {
  const [node, bin] = tool('@arethetypeswrong/cli', 'attw');
  return [node, [bin, ...args]];
}

function lintTarball() {
  const dir = mkdtempSync(join(tmpdir(), 'check-package-'));
  try {
    const packed = spawnSync('pnpm', ['pack', '--pack-destination', dir], { encoding: 'utf8' });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (packed.status !== 0 || !tarball) {
      failures.push(`pnpm pack failed:\n${packed.stderr}${packed.stdout}`);
      return;
    }
    const file = join(dir, tarball);
    const [node, publint] = tool('publint', 'publint');
    if (run(node, [publint, '--strict', file]) !== 0) failures.push('publint');
    if (values['no-attw'] !== undefined) {
      console.log(`attw: skipped, ${values['no-attw']}`);
    } else if (run(...attw(['--profile', values['attw-profile'], file])) !== 0) {
      failures.push('attw (are the types wrong)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkSizes() {
  // In package.json, or in .size-limit.json where the published manifest must stay clean (n8n's scanner).
  if (!pkg['size-limit'] && !existsSync('.size-limit.json')) return;
  const reportOnly = values['size-report-only'];
  if (reportOnly === undefined) {
    if (run('size-limit', []) !== 0) failures.push('size budgets (size-limit)');
    return;
  }
  const result = spawnSync('size-limit', ['--json'], { encoding: 'utf8' });
  let checks;
  try {
    checks = JSON.parse(result.stdout);
  } catch {
    failures.push(`size-limit printed no result:\n${result.stderr}${result.stdout}`);
    return;
  }
  for (const check of checks) {
    if (check.error) {
      failures.push(`size-limit: ${check.error}`);
      continue;
    }
    const mb = (bytes) => `${(bytes / 1_000_000).toFixed(2)} MB`;
    const verdict = check.passed ? 'within budget' : 'OVER BUDGET (reported, not failed)';
    console.log(`size: ${check.name}: ${mb(check.size)} of ${mb(check.sizeLimit)}, ${verdict}`);
  }
  console.log(`size: report only, ${reportOnly}`);
}

if (pkg.private) {
  if (!values.unpublished) {
    console.error(
      `${pkg.name} is private: say why it is not checked as published with --unpublished "<why>"`,
    );
    process.exit(2);
  }
  console.log(`publint, attw: skipped, ${pkg.name} is not published: ${values.unpublished}`);
} else {
  lintTarball();
}
checkSizes();
if (failures.length > 0) {
  console.error(`check-package ${pkg.name}: failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`check-package ${pkg.name}: ok`);
