#!/usr/bin/env node
// `with-node24 COMMAND ARGS...`: runs the command with Node 24 first on PATH (fetched once, see index.js),
// so `node`, the package binaries' `#!/usr/bin/env node` and every child they fork run on Node 24.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureNode24, NODE24_VERSION } from './index.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-node24 COMMAND [ARGS...]');
  process.exit(2);
}
const { dir, fetchedS } = await ensureNode24();
console.error(
  `with-node24: Node ${NODE24_VERSION} from ${dir}${fetchedS ? ` (fetched in ${fetchedS} s)` : ''}: ${[command, ...args].join(' ')}`,
);
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`with-node24: could not run ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (!signal) process.exit(code ?? 1);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
