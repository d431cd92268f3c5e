import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../run.js';

export interface InProcessRun {
  exitCode: number;
  stdout: string;
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  summary: string;
}

export interface InProcessOptions {
  inputs: Record<string, string>;
  /** Files to place in the workspace (path → text). */
  workspaceFiles?: Record<string, string>;
  /** Process environment for the run (HTTPS_PROXY …), restored afterwards. */
  env?: NodeJS.ProcessEnv;
}

const SUMMARY_FILE = join(tmpdir(), `action-in-process-summary-${process.pid}`);

function parseOutputs(text: string): Record<string, string> {
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
 * The action's `run()` in this process, with the runner's file commands in a temp folder and a
 * `workflow_run` event (no pull request, so no GitHub calls): fast enough for a matrix in the unit run.
 * Tests in one file run one at a time, so swapping process.env and stdout here is safe.
 */
export async function runInProcess(options: InProcessOptions): Promise<InProcessRun> {
  const root = mkdtempSync(join(tmpdir(), 'action-in-process-'));
  const workspace = join(root, 'workspace');
  const runnerTemp = join(root, 'temp');
  mkdirSync(workspace);
  mkdirSync(runnerTemp);
  for (const [path, text] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  // @actions/core keeps the step summary's path from its first write: one file per process, emptied.
  const files = { output: join(root, 'output'), summary: SUMMARY_FILE, event: join(root, 'event') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(
    files.event,
    JSON.stringify({ workflow_run: { head_sha: 'c'.repeat(40), pull_requests: [] } }),
  );
  const env: NodeJS.ProcessEnv = {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    ...options.env,
  };
  const saved = { ...process.env };
  const savedExit = process.exitCode;
  const write = process.stdout.write;
  let stdout = '';
  Object.assign(process.env, env);
  process.exitCode = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await run({ getInput: (name) => options.inputs[name] ?? '', env: { ...process.env } });
    return {
      exitCode: Number(process.exitCode ?? 0),
      stdout,
      outputs: parseOutputs(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
    };
  } finally {
    process.stdout.write = write;
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    process.exitCode = savedExit;
    rmSync(root, { recursive: true, force: true });
  }
}
