// Stages the built app in a plain npm folder for `zapier-platform push` (see README, "Push").
// Why: Zapier's CLI bundles only the files its esbuild pass sees, inside the app folder. In this pnpm
// workspace the dependencies live outside the package, and on Node 22 a few packages load a
// `require.mjs` (the "module-sync" export condition) that esbuild does not see.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// ZAPIER_STAGE_DIR and ZAPIER_STAGE_SKIP_INSTALL exist for the package's own test of this script.
const stage = process.env.ZAPIER_STAGE_DIR || join(root, '.zapier-stage');
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('Build first: pnpm --filter @modelstream-kit/zapier build');
  process.exit(1);
}
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage);
cpSync(join(root, 'dist'), join(stage, 'dist'), { recursive: true });
cpSync(join(root, 'index.js'), join(stage, 'index.js'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { devDependencies: _dev, scripts: _scripts, files: _files, ...runtime } = pkg;
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);
// The app's registration (`zapier-platform register` writes id and key) plus the files esbuild misses.
const linked = join(root, '.zapierapprc');
const appConfig = existsSync(linked) ? JSON.parse(readFileSync(linked, 'utf8')) : {};
appConfig.includeInBuild = ['node_modules[\\\\/][^\\\\/]+[\\\\/]require\\.mjs$'];
writeFileSync(join(stage, '.zapierapprc'), `${JSON.stringify(appConfig, null, 2)}\n`);
// The source zip (`zapier-platform build`/`push` writes build/source.zip next to build.zip) follows
// .gitignore: without one it would carry node_modules, source maps and the app's id and deploy key.
writeFileSync(
  join(stage, '.gitignore'),
  ['node_modules/', '*.map', '.zapierapprc', 'build/', '.env', ''].join('\n'),
);
if (process.env.ZAPIER_STAGE_SKIP_INSTALL === '1') {
  console.log(`Staged in ${stage} (npm install skipped).`);
  process.exit(0);
}
execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: stage, stdio: 'inherit' });
console.log(`Staged in ${stage}. Next: cd ${stage} && zapier-platform push --skip-dep-install`);
