import { describe, expect, it } from 'vitest';
import { completionPosts, useEmulator, useRecorder } from './test-utils/emulator.js';
import { baseEnv, runCli } from './test-utils/run-cli.js';

// Small deltas with a pause between them, so the stream arrives in many pieces.
const emulator = useEmulator({ streamDelayMs: 20, deltaBytes: 8 });
const recorder = useRecorder(emulator);
const env = () => baseEnv(emulator().url);

interface CompletionJson {
  id: string;
  model: string;
  text: string;
  json?: unknown;
  finishReason: string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  raw: unknown;
}

describe('background (the default for gpt-5.4-pro)', () => {
  it('starts a job, shows its progress on stderr only, and prints only the answer on stdout', async () => {
    // A 3 s job, so the first poll still finds it running however slowly the command starts.
    const run = await runCli(['ask', 'Explain backoff. [emulator:job-ms=3000]'], { env: env() });
    expect(run.code).toBe(0);
    const [body] = completionPosts(emulator());
    expect(body).toMatchObject({ background: true });
    expect(run.stderr).toMatch(/job resp_\S+ (queued|in_progress)/);
    expect(run.stderr).toMatch(/job resp_\S+ completed/);
    expect(run.stderr).toMatch(/usage: \d[\d,]* prompt \+ \d[\d,]* completion/);
    expect(run.stdout).not.toMatch(/usage:|job resp_|modelstream:/);
    const json = await runCli(
      ['ask', 'Explain backoff. [emulator:job-ms=0]', '--output', 'json', '--quiet'],
      {
        env: env(),
      },
    );
    expect(run.stdout).toBe(`${(JSON.parse(json.stdout) as CompletionJson).text}\n`);
  });

  it('--quiet leaves stderr empty', async () => {
    const run = await runCli(['ask', 'Hello', '--quiet'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.length).toBeGreaterThan(1);
  });

  it('--no-wait prints only the job id; wait collects it; cancel stops another', async () => {
    const started = await runCli(['ask', 'A long task', '--no-wait'], { env: env() });
    expect(started.code).toBe(0);
    const id = started.stdout.trim();
    expect(id).toMatch(/^resp_\S+$/);
    expect(started.stderr).toContain(`modelstream wait ${id}`);
    const waited = await runCli(['wait', id, '--output', 'json'], { env: env() });
    expect(waited.code).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ id, finishReason: 'stop' });

    // Ten minutes: still running when the cancel command gets there, however slowly both start.
    emulator().configure({ jobDurationMs: 600_000 });
    const other = (await runCli(['ask', 'Another', '--no-wait', '--quiet'], { env: env() })).stdout.trim();
    const cancelled = await runCli(['cancel', other], { env: env() });
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toBe(`${other} cancelled\n`);
    expect(completionPosts(emulator())).toHaveLength(2);
  });

  it('--emulator runs everything in-process without a key', async () => {
    const run = await runCli(['ask', 'Hello', '--emulator', '--quiet'], { env: { PATH: process.env.PATH } });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(1);
  });
});

describe('--stream', () => {
  it('writes the text to stdout as it arrives, before the usage line, and the same text as a plain call', async () => {
    const run = await runCli(['ask', 'Write a few sentences about deadlines.', '--stream'], { env: env() });
    expect(run.code).toBe(0);
    expect(completionPosts(emulator())[0]).toMatchObject({ stream: true });
    const chunks = run.events.filter((e) => e.stream === 'stdout');
    expect(chunks.length).toBeGreaterThan(1);
    const firstText = run.events.findIndex((e) => e.stream === 'stdout');
    const usage = run.events.findIndex((e) => e.stream === 'stderr' && e.text.includes('usage:'));
    expect(firstText).toBeGreaterThanOrEqual(0);
    expect(usage).toBeGreaterThan(firstText);
    const plain = await runCli(
      ['ask', 'Write a few sentences about deadlines.', '--no-background', '--quiet'],
      { env: env() },
    );
    expect(run.stdout).toBe(plain.stdout);
  });

  it('refuses --stream with --background, sending nothing', async () => {
    const run = await runCli(['ask', 'Hi', '--stream', '--background'], { env: env() });
    expect(run.code).toBe(2);
    expect(emulator().requests()).toHaveLength(0);
  });
});

describe('output', () => {
  it('--output json prints the whole Completion, with usage inside and no usage line', async () => {
    const run = await runCli(['ask', 'Hello', '--output', 'json'], { env: env() });
    expect(run.code).toBe(0);
    const completion = JSON.parse(run.stdout) as CompletionJson;
    expect(completion).toMatchObject({ model: 'gpt-5.4-pro', finishReason: 'stop' });
    expect(completion.id).toMatch(/^resp_/);
    expect(typeof completion.text).toBe('string');
    expect(completion.usage.total_tokens).toBe(
      completion.usage.prompt_tokens + completion.usage.completion_tokens,
    );
    expect(completion.raw).toBeTruthy();
    expect(run.stderr).not.toContain('usage:');
  });

  it('--json asks for json_object and prints the parsed object', async () => {
    const run = await runCli(['ask', 'Two risks as {"risks": []}', '--json', '--quiet'], {
      env: baseEnv(recorder().url),
    });
    expect(run.code).toBe(0);
    expect(recorder().bodies()[0]).toMatchObject({ response_format: 'json_object' });
    const parsed = JSON.parse(run.stdout) as unknown;
    expect(typeof parsed).toBe('object');
    expect(run.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  });
});
