import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@modelstream-kit/emulator';
import type { CommandResult, DemoContext, DemoStep, RunOptions } from './demo-context.js';
import { runCommand } from './run-command.js';
import { commandLine, shellQuote } from './shell-quote.js';
import { demoSteps } from './steps.js';

/** Obviously fake: the emulator takes any key but its reserved error keys. */
const DEMO_KEY = 'sk-emulator-demo';

export interface DemoOptions {
  steps?: readonly DemoStep[];
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** How long the emulator's background jobs take (default 2 s: progress shows, the demo stays quick). */
  jobDurationMs?: number;
}

function styles(out: { isTTY?: boolean }) {
  const on = Boolean(out.isTTY) && !process.env.NO_COLOR;
  const wrap = (open: number, close: number) => (text: string) =>
    on ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), dim: wrap(2, 22), cyan: wrap(36, 39), green: wrap(32, 39), red: wrap(31, 39) };
}

/** The built `modelstream` command of the workspace's CLI package, run as its `bin` says. */
function cliBin(): string {
  const manifest = createRequire(import.meta.url).resolve('@modelstream-kit/cli/package.json');
  return join(dirname(manifest), 'dist', 'bin.js');
}

/**
 * The quick start: starts the embedded emulator, then runs each step's commands through the built CLI
 * as subprocesses, the way a user would. Returns the exit code (0 when every step did what it should).
 */
export async function runDemo(options: DemoOptions = {}): Promise<number> {
  const steps = options.steps ?? demoSteps;
  const out = options.out ?? process.stdout;
  const s = styles(out);
  const bin = cliBin();
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
  const emulator = await startEmulator({
    port: 0,
    quiet: true,
    jobDurationMs: options.jobDurationMs ?? 2_000,
    deltaBytes: 12,
    streamDelayMs: 40,
  });
  const tmpDir = await mkdtemp(join(tmpdir(), 'modelstream-demo-'));
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    MODELSTREAM_BASE_URL: emulator.url,
    MODELSTREAM_API_KEY: DEMO_KEY,
    MODELSTREAM_POLL_MS: '300',
    // The demo's jobs live on an emulator that stops with it: they stay out of the person's own ledger.
    MODELSTREAM_STATE_DIR: join(tmpDir, 'state'),
  };
  const startedAt = Date.now();

  const exec = async (
    display: string,
    file: string,
    args: readonly string[],
    run: RunOptions = {},
  ): Promise<CommandResult> => {
    const pipe =
      run.input === undefined ? '' : `${run.inputLabel ?? `printf %s ${shellQuote(run.input)}`} | `;
    out.write(`\n${s.cyan(`$ ${pipe}${display}`)}\n`);
    const result = await runCommand(file, args, { ...run, baseEnv, out });
    const expected = run.expectCode ?? 0;
    if (result.code !== expected) {
      throw new Error(`\`${display}\` exited with ${result.code} (expected ${expected})`);
    }
    return result;
  };
  const ctx: DemoContext = {
    baseUrl: emulator.url,
    repoRoot,
    tmpDir,
    cli: (args, run) => exec(`modelstream ${commandLine(args)}`, process.execPath, [bin, ...args], run),
    exec,
    say: (text) => out.write(`${s.dim('#')} ${text}\n`),
    requests: () => emulator.requests(),
  };

  out.write(
    `${s.bold('modelstream-kit demo')}: GPT-5.4 pro through the ModelStream API, from the shell.\n` +
      `${s.dim(`Everything runs against the embedded emulator at ${emulator.url}: no key, no network, no cost.`)}\n`,
  );
  let failed: string | undefined;
  let requestCount = 0;
  try {
    for (const [index, step] of steps.entries()) {
      out.write(`\n${s.bold(`━━ ${index + 1}/${steps.length} · ${step.title} ━━`)}\n${s.dim(step.intro)}\n`);
      const stepStart = Date.now();
      await step.run(ctx);
      out.write(`${s.green('✓')} ${s.dim(`${((Date.now() - stepStart) / 1000).toFixed(1)} s`)}\n`);
    }
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
  } finally {
    requestCount = emulator.requests().length;
    await emulator.close();
    await rm(tmpDir, { recursive: true, force: true });
  }
  if (failed) {
    out.write(`\n${s.red('✗ The demo failed:')} ${failed}\n`);
    return 1;
  }
  out.write(
    `\n${s.bold('Done')} ${s.dim(`in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; the emulator answered ${requestCount} requests.`)}\n` +
      'With a real key (ModelStream dashboard → API keys):\n' +
      '  export MODELSTREAM_API_KEY=sk-...\n' +
      '  node apps/cli/dist/bin.js ask "Hello"      (or: npm i -g @modelstream-kit/cli && modelstream ask "Hello")\n',
  );
  return 0;
}
