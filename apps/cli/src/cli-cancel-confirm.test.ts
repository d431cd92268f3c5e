import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { useEmulator } from './test-utils/emulator.js';
import { baseEnv, FAKE_KEY, freshStateDir, runCli } from './test-utils/run-cli.js';

const emulator = useEmulator();
const cancels = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));

/** `main` in this process with a terminal on stdin that answers `answer`. */
async function onTerminal(args: string[], env: Record<string, string>, answer: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    // The question is asked: answer it as a person would.
    if (err.includes('[y/N]')) stdin.write(answer);
  });
  const code = await main(args, {
    stdin,
    stdout,
    stderr,
    env,
    cwd: process.cwd(),
    exit: (c) => {
      throw new Error(`exit ${c}`);
    },
  });
  expect(`${out}${err}`).not.toContain(FAKE_KEY);
  return { code, out, err };
}

describe('cancel --all-running on a terminal', () => {
  it('lists the running jobs and asks first: "n" cancels nothing, "y" cancels them all', async () => {
    const env = { ...baseEnv(emulator().url), MODELSTREAM_STATE_DIR: freshStateDir() };
    const ids: string[] = [];
    for (const word of ['first', 'second']) {
      const run = await runCli(['ask', '--no-wait', `${word} [emulator:job-ms=60000]`], { env });
      ids.push(run.stdout.trim());
    }
    const no = await onTerminal(['cancel', '--all-running'], env, 'n\n');
    expect(no.code).toBe(0);
    expect(no.err).toContain('Cancel 2 running jobs upstream?');
    for (const id of ids) expect(no.err).toContain(id);
    expect(no.err).toContain('nothing cancelled');
    expect(cancels()).toHaveLength(0);

    const yes = await onTerminal(['cancel', '--all-running'], env, 'y\n');
    expect(yes.code, yes.err).toBe(0);
    expect(yes.out.trim().split('\n').sort()).toEqual(ids.map((id) => `${id} cancelled`).sort());
    expect(cancels()).toHaveLength(2);
  });
});
