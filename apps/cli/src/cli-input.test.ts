import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gpt54Pro, toKebabCase, type ValidationError, validateParams } from '@modelstream-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator, useRecorder } from './test-utils/emulator.js';
import { baseEnv, runCli } from './test-utils/run-cli.js';

const emulator = useEmulator();
const recorder = useRecorder(emulator);
// Through the recording proxy, to check the request bodies on the wire.
const env = () => baseEnv(recorder().url);
const lastBody = () => recorder().bodies().at(-1);

/** The spec's own message for a value, so the tests never restate it. */
function specMessage(input: Record<string, unknown>): string {
  try {
    validateParams(gpt54Pro, { prompt: 'x', ...input });
  } catch (error) {
    return (error as ValidationError).message;
  }
  throw new Error('expected the spec to refuse it');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelstream-cli-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the prompt: argument, stdin, or both', () => {
  it('sends the argument as the prompt', async () => {
    const run = await runCli(['ask', 'What is 2 + 2?', '--no-background'], { env: env() });
    expect(run.code).toBe(0);
    expect(lastBody()).toMatchObject({ model: 'gpt-5.4-pro', prompt: 'What is 2 + 2?' });
    expect(run.stdout.trim().length).toBeGreaterThan(0);
  });

  it('reads the prompt from stdin when there is no argument', async () => {
    const run = await runCli(['ask', '--no-background'], { env: env(), input: 'From a pipe.\n' });
    expect(run.code).toBe(0);
    expect(lastBody()?.prompt).toBe('From a pipe.\n');
  });

  it('reads stdin for -', async () => {
    const run = await runCli(['ask', '-', '--no-background'], { env: env(), input: 'Dash prompt' });
    expect(run.code).toBe(0);
    expect(lastBody()?.prompt).toBe('Dash prompt');
  });

  it('sends the argument first and the piped material after it (git diff | modelstream ask "...")', async () => {
    const diff = 'diff --git a/x b/x\n-old\n+new\n';
    const run = await runCli(['ask', 'Summarise this change', '--no-background'], {
      env: env(),
      input: diff,
    });
    expect(run.code).toBe(0);
    expect(lastBody()?.prompt).toBe(`Summarise this change\n\n${diff}`);
  });

  it('with no prompt at all, exits 2 with the spec message and sends nothing', async () => {
    const run = await runCli(['ask'], { env: env(), input: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(specMessage({ prompt: undefined }));
    expect(run.stderr).toContain('pipe it on stdin');
    expect(emulator().requests()).toHaveLength(0);
  });
});

describe('flags from the spec', () => {
  it('sends every parameter it was given, typed', async () => {
    const run = await runCli(
      [
        'ask',
        'Hi',
        '--no-background',
        '--system-prompt',
        'Be brief.',
        '--reasoning-effort',
        'high',
        '--verbosity',
        'low',
        '--max-output-tokens',
        '900',
        '--no-store',
        '--topic',
        'cli-tests',
        '--reasoning-summary',
        'concise',
      ],
      { env: env() },
    );
    expect(run.code).toBe(0);
    expect(lastBody()).toMatchObject({
      prompt: 'Hi',
      system_prompt: 'Be brief.',
      reasoning_effort: 'high',
      verbosity: 'low',
      max_output_tokens: 900,
      store: false,
      topic: 'cli-tests',
      reasoning_summary: 'concise',
      background: false,
    });
  });

  it.each([
    [['--reasoning-effort', 'low'], { reasoning_effort: 'low' }],
    [['--max-output-tokens', '0'], { max_output_tokens: 0 }],
    [['--image-detail', 'ultra'], { image_detail: 'ultra' }],
    [['--topic', 'x'.repeat(65)], { topic: 'x'.repeat(65) }],
  ])('refuses %j with the spec message before any request (exit 2)', async (flags, input) => {
    const run = await runCli(['ask', 'Hi', ...flags], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(specMessage(input));
    expect(run.stderr).toContain(`(--${toKebabCase(Object.keys(input)[0]!)})`);
    expect(run.stdout).toBe('');
    expect(emulator().requests()).toHaveLength(0);
  });

  it('refuses a value that is not even of the right type, in the spec words', async () => {
    const run = await runCli(['ask', 'Hi', '--max-output-tokens', 'lots'], { env: env() });
    expect(run.code).toBe(2);
    const allowed = gpt54Pro.params.find((p) => p.name === 'max_output_tokens')?.allowed;
    expect(run.stderr).toContain(`max_output_tokens: "lots" is not allowed for gpt-5.4-pro; use ${allowed}`);
    expect(emulator().requests()).toHaveLength(0);
  });

  it('refuses an unknown flag and a bad --output with exit 2, sending nothing', async () => {
    const unknown = await runCli(['ask', 'Hi', '--temperature', '2'], { env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--temperature'");
    const output = await runCli(['ask', 'Hi', '--output', 'xml'], { env: env() });
    expect(output.code).toBe(2);
    expect(output.stderr).toContain('--output: "xml" is not allowed; use text or json');
    expect(emulator().requests()).toHaveLength(0);
  });

  it('reads --system-prompt-file', async () => {
    const file = join(dir, 'system.txt');
    await writeFile(file, 'You are a careful reviewer.\n');
    const run = await runCli(['ask', 'Hi', '--no-background', '--system-prompt-file', file], { env: env() });
    expect(run.code).toBe(0);
    expect(lastBody()?.system_prompt).toBe('You are a careful reviewer.\n');
  });
});

describe('images', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );

  it('turns a local file into a data URL with its mime type, next to a URL passed as is', async () => {
    await writeFile(join(dir, 'pixel.png'), png);
    const run = await runCli(
      [
        'ask',
        'What is this?',
        '--no-background',
        '--image',
        'pixel.png',
        '--image',
        'https://example.test/cat.jpg',
        '--image-detail',
        'low',
      ],
      { env: env(), cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(lastBody()).toMatchObject({
      image_urls: [`data:image/png;base64,${png.toString('base64')}`, 'https://example.test/cat.jpg'],
      image_detail: 'low',
    });
  });

  it('refuses a file that is not an image before any request', async () => {
    await writeFile(join(dir, 'notes.png'), 'just text');
    const run = await runCli(['ask', 'Hi', '--image', 'notes.png'], { env: env(), cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"notes.png" is not a PNG, JPEG, GIF or WebP image');
    expect(emulator().requests()).toHaveLength(0);
  });
});

describe('--help', () => {
  it('lists every parameter flag with the spec help text, the exit codes and the environment', async () => {
    const run = await runCli(['ask', '--help'], { env: {} });
    expect(run.code).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const param of gpt54Pro.params) {
      if (param.name === 'prompt') continue;
      expect(help).toContain(`--${toKebabCase(param.name)}`);
      expect(help).toContain(param.description.replace(/\s+/g, ' '));
    }
    for (const flag of [
      '--stream',
      '--background',
      '--no-wait',
      '--keep-job',
      '--json',
      '--image',
      '--emulator',
      '--timeout',
      '--max-wait',
      '--output',
      '--quiet',
      '--api-key-file',
      '--base-url',
    ]) {
      expect(help).toContain(flag);
    }
    for (const code of [0, 2, 3, 4, 5, 6, 7, 130]) expect(help).toMatch(new RegExp(`\\b${code}\\b`));
    expect(help).toContain('MODELSTREAM_API_KEY');
    expect(help).toContain('MODELSTREAM_BASE_URL');
  });
});
