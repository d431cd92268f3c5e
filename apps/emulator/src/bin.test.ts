import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chat, get, post } from './test-utils/http.js';

// The command as people run it: the built file (turbo builds before testing).
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

function run(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "pnpm build" in apps/emulator first`);
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

/** Resolves once the command has printed a match (events, not a timed poll); rejects if it exits first. */
function printed(child: ChildProcess, output: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output());
      if (!match) return;
      done();
      resolve(match);
    };
    const exit = (code: number | null) => {
      done();
      reject(new Error(`the emulator exited (${code}) before printing ${pattern}: ${output()}`));
    };
    const done = () => {
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', exit);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', exit);
    check();
  });
}

async function urlOf(child: ChildProcess, output: () => string): Promise<string> {
  return (await printed(child, output, /listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
}

describe('modelstream-emulator command', () => {
  it('prints its URL, answers, logs a line per request without the key, and stops on SIGTERM', async () => {
    const { child, output, exited } = run(['--port', '0', '--job-duration-ms', '10']);
    const url = await urlOf(child, output);
    const res = await post(`${url}/v1/chat/completions`, chat('from the command'));
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toContain('from the command');
    expect(await (await get(`${url}/_emulator/config`, null)).json()).toMatchObject({ jobDurationMs: 10 });
    // The line is written once the answer has gone out: wait for it, not for a fixed time.
    await printed(child, output, /POST \/v1\/chat\/completions 200/);
    expect(output()).not.toContain('not-a-real-key');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad option with exit code 2', async () => {
    const { output, exited } = run(['--port', 'eleven']);
    expect(await exited).toBe(2);
    expect(output()).toContain('--port: "eleven" is not allowed');
  });
});

describe('modelstream-emulator --profile', () => {
  it('starts with the profile named, and refuses an unknown one with exit code 2', async () => {
    const { child, output, exited } = run(['--port', '0', '--profile', 'no-models', '--idle-cut-ms', '500']);
    const url = await urlOf(child, output);
    expect(output()).toContain('(profile no-models)');
    expect(await (await get(`${url}/_emulator/profile`, null)).json()).toMatchObject({
      profile: 'no-models',
      idleCutMs: 500,
    });
    expect((await get(`${url}/v1/models`)).status).toBe(404);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const bad = run(['--profile', 'graphql']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('--profile: "graphql" is not a profile; use responses, sync-only');
  });
});
