import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

async function found(command: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('sh', ['-c', `command -v ${command}`], { timeout: 10_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Debian's redis-server, installed with apt-get when missing (seconds when present). The machines run
 * as root; elsewhere, install it yourself. Returns the binary and the seconds the install took.
 */
export async function ensureRedisServer(): Promise<{ bin: string; installS: number }> {
  const present = await found('redis-server');
  if (present) return { bin: present, installS: 0 };
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { env, timeout: 600_000 });
  try {
    await install();
  } catch {
    // A machine whose package lists are missing or stale: refresh them once, then install.
    await run('apt-get', ['update'], { env, timeout: 600_000 });
    await install();
  }
  const bin = await found('redis-server');
  if (!bin) throw new Error('apt-get install redis-server left no redis-server on PATH');
  return { bin, installS: Math.round((Date.now() - started) / 100) / 10 };
}

export interface RedisServer {
  port: number;
  stop(): Promise<void>;
}

/** A throwaway Redis on 127.0.0.1: no persistence, its own folder, ready when it says so. */
export async function startRedis(bin: string, port: number): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'modelstream-redis-'));
  const logPath = join(dir, 'redis.log');
  const log = openSync(logPath, 'w');
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', log, log] },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    closeSync(log);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => readFileSync(logPath, 'utf8').includes('Ready to accept connections'), {
      what: `redis-server on port ${port} to be ready`,
      timeoutMs: 60_000,
      describe: () => readFileSync(logPath, 'utf8').slice(-2000),
      stopIf: () => child.exitCode !== null,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, stop };
}
