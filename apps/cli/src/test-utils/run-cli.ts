import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The built command, run as a user would run it. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** Obviously fake; every run checks it never reaches stdout or stderr. */
export const FAKE_KEY = 'sk-test-not-a-real-key';

/**
 * The job ledger of every run that names none: one directory per test file, never the real home's.
 * A test of the ledger itself gives its own MODELSTREAM_STATE_DIR.
 */
export const TEST_STATE_DIR = mkdtempSync(join(tmpdir(), 'modelstream-cli-state-'));

/** A fresh state directory (an empty ledger) for one test. */
export const freshStateDir = () => mkdtempSync(join(tmpdir(), 'modelstream-cli-state-'));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Output in arrival order, to check what came before what. */
  events: { stream: 'stdout' | 'stderr'; text: string }[];
}

export interface CliRunOptions {
  env?: Record<string, string | undefined>;
  /** Piped to stdin and closed; without it stdin is /dev/null. */
  input?: string;
  cwd?: string;
  /** Called once the process runs (to send it a signal, say). */
  onStart?: (child: ChildProcess, result: CliResult) => void;
  /** Secrets that must not show (besides FAKE_KEY). */
  secrets?: string[];
  timeoutMs?: number;
}

/** Quick retries and polling; no MODELSTREAM_* from the machine running the tests. */
export function baseEnv(baseUrl?: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    MODELSTREAM_API_KEY: FAKE_KEY,
    MODELSTREAM_RETRY_BASE_MS: '5',
    MODELSTREAM_POLL_MS: '40',
    ...(baseUrl ? { MODELSTREAM_BASE_URL: baseUrl } : {}),
  };
}

export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: build first (pnpm turbo run build --filter=@modelstream-kit/cli...)`);
  const env = Object.fromEntries(
    Object.entries({ MODELSTREAM_STATE_DIR: TEST_STATE_DIR, ...options.env }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as Record<string, string>;
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    cwd: options.cwd,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const result: CliResult = { code: null, signal: null, stdout: '', stderr: '', events: [] };
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    result.stdout += text;
    result.events.push({ stream: 'stdout', text });
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    result.stderr += text;
    result.events.push({ stream: 'stderr', text });
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  options.onStart?.(child, result);
  // Generous: a busy shared machine can take seconds just to start node.
  const timeoutMs = options.timeoutMs ?? 45_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`modelstream ${args.join(' ')} ran longer than ${timeoutMs} ms\n${result.stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      result.code = code;
      result.signal = signal;
      for (const secret of [FAKE_KEY, ...(options.secrets ?? [])]) {
        expect(result.stdout, 'the key must never reach stdout').not.toContain(secret);
        expect(result.stderr, 'the key must never reach stderr').not.toContain(secret);
      }
      resolve(result);
    });
  });
}

/** Resolves once stderr matches, for acting in the middle of a run. */
export function whenStderr(result: CliResult, pattern: RegExp, timeoutMs = 40_000): Promise<void> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(result.stderr)) resolve();
      else if (Date.now() - startedAt > timeoutMs)
        reject(new Error(`stderr never matched ${pattern}:\n${result.stderr}`));
      else setTimeout(check, 10);
    };
    check();
  });
}
