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
}

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
  /** Send SIGTERM once stdout matches this (the runner cancelling the job). */
  cancelWhen?: RegExp;
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
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (options.cancelWhen && !cancelled && options.cancelWhen.test(stdout)) {
      cancelled = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
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
