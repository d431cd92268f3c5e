import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { Metrics, RoundInput } from '../benchmarks/types.js';
import { packageRoot } from '../package-root.js';

const ROUND_LIMIT_MS = 5 * 60_000;

/** Runs one contender's round in a fresh Node process (the built worker), so rounds share no heap or JIT. */
export function runInWorker(input: RoundInput): Promise<Metrics> {
  const child = fork(join(packageRoot(), 'dist/bench-worker.js'), [], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<Metrics>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(
        new Error(
          `${input.benchmark}/${input.contender} round ${input.round} took over ${ROUND_LIMIT_MS / 1000} s`,
        ),
      );
    }, ROUND_LIMIT_MS);
    const finish = (error: Error | undefined, metrics?: Metrics) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(metrics!);
    };
    child.on('message', (reply: { ok: boolean; metrics?: Metrics; error?: string }) => {
      if (reply.ok) finish(undefined, reply.metrics);
      else finish(new Error(`${input.benchmark}/${input.contender}: ${reply.error}`));
    });
    child.on('exit', (code) =>
      finish(new Error(`${input.benchmark}/${input.contender}: worker exited with ${code}`)),
    );
    child.send(input);
  });
}
