import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The committed bundle, exactly the file `runs.main` names in action.yml. */
export const actionBundle = require.resolve('@modelstream-kit/github-action');

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY's text. */
  summary: string;
  /** Every file the run could have written to, for secret scans. */
  files: Record<string, string>;
  durationMs: number;
  /** The signals sent to the run, and when (ms after spawn). */
  signalsSent: { signal: NodeJS.Signals; atMs: number }[];
}

/** How the runner cancels a step: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that. */
export const RUNNER_CANCEL = [
  { signal: 'SIGINT', afterMs: 0 },
  { signal: 'SIGTERM', afterMs: 7_500 },
  { signal: 'SIGKILL', afterMs: 2_500 },
] as const satisfies readonly { signal: NodeJS.Signals; afterMs: number }[];

export interface RunActionOptions {
  /** Inputs by their action.yml name (`reasoning-effort`); passed as GitHub does: INPUT_REASONING-EFFORT. */
  inputs: Record<string, string>;
  eventName: string;
  event: unknown;
  repository: string;
  apiUrl: string;
  /** Files to place in the workspace before the run (path → text). */
  workspaceFiles?: Record<string, string>;
  /** The Node binary (default: this process's; GitHub's is Node 24, see node24.ts). */
  node?: string;
  /** Send signals once stdout matches this (the runner cancelling the job). */
  cancelWhen?: RegExp;
  /**
   * What is sent then, each `afterMs` after the previous one. Default one SIGTERM. The runner's own
   * schedule is RUNNER_CANCEL: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that.
   */
  cancelSignals?: readonly { signal: NodeJS.Signals; afterMs: number }[];
  /** Extra environment (HTTPS_PROXY …). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** GitHub's file-command format: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

/**
 * Runs dist/index.js the way a GitHub runner does: `node` on the file, inputs as INPUT_* variables (name
 * upper-cased, hyphens kept), the event as a JSON file, and file commands for outputs and the summary.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const root = mkdtempSync(join(tmpdir(), 'gha-run-'));
  const workspace = join(root, 'workspace');
  const runnerTemp = join(root, 'runner-temp');
  mkdirSync(workspace);
  mkdirSync(runnerTemp);
  for (const [path, text] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const files = {
    event: join(root, 'event.json'),
    output: join(root, 'github_output'),
    summary: join(root, 'step_summary'),
    state: join(root, 'github_state'),
    env: join(root, 'github_env'),
    path: join(root, 'github_path'),
  };
  writeFileSync(files.event, JSON.stringify(options.event));
  for (const f of [files.output, files.summary, files.state, files.env, files.path]) writeFileSync(f, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
  };
  Object.assign(env, options.env);
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const started = performance.now();
  const child = spawn(options.node ?? process.execPath, [actionBundle], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let cancelled = false;
  let exited = false;
  const timers: NodeJS.Timeout[] = [];
  const sendSignals = () => {
    let at = 0;
    for (const { signal, afterMs } of options.cancelSignals ?? [{ signal: 'SIGTERM', afterMs: 0 }]) {
      at += afterMs;
      const sig = signal;
      timers.push(
        setTimeout(() => {
          if (!exited) {
            signalsSent.push({ signal: sig, atMs: performance.now() - started });
            child.kill(sig);
          }
        }, at),
      );
    }
  };
  const signalsSent: { signal: NodeJS.Signals; atMs: number }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (options.cancelWhen && !cancelled && options.cancelWhen.test(stdout)) {
      cancelled = true;
      sendSignals();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  exited = true;
  clearTimeout(timer);
  for (const t of timers) clearTimeout(t);
  const read = (f: string) => readFileSync(f, 'utf8');
  const outputs = parseOutputFile(read(files.output));
  const written: Record<string, string> = {
    GITHUB_OUTPUT: read(files.output),
    GITHUB_STEP_SUMMARY: read(files.summary),
    GITHUB_STATE: read(files.state),
    GITHUB_ENV: read(files.env),
  };
  if (outputs['response-file']) written['response-file'] = read(outputs['response-file']);
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs,
    summary: read(files.summary),
    files: written,
    durationMs: performance.now() - started,
    signalsSent,
  };
}

/** A `pull_request` event payload, as GitHub writes it to GITHUB_EVENT_PATH. */
export function pullRequestEvent(owner: string, repo: string, number: number, headSha: string) {
  return {
    action: 'synchronize',
    number,
    pull_request: { number, head: { sha: headSha, ref: 'feature' }, base: { ref: 'main' } },
    repository: { name: repo, owner: { login: owner }, full_name: `${owner}/${repo}` },
  };
}
