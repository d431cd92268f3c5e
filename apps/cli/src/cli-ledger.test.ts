import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerEntry } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { completionPosts, useEmulator } from './test-utils/emulator.js';
import { baseEnv, FAKE_KEY, freshStateDir, runCli, whenStderr } from './test-utils/run-cli.js';

const emulator = useEmulator();
const envWith = (stateDir: string, extra: Record<string, string> = {}) => ({
  ...baseEnv(emulator().url),
  MODELSTREAM_STATE_DIR: stateDir,
  ...extra,
});
const ledgerText = (stateDir: string) => readFileSync(join(stateDir, 'jobs.jsonl'), 'utf8');

async function jobsJson(stateDir: string): Promise<LedgerEntry[]> {
  const run = await runCli(['jobs', '--output', 'json'], { env: envWith(stateDir) });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as LedgerEntry[];
}

describe('the job ledger', () => {
  it('two CLI processes writing it at once lose nothing', { timeout: 120_000 }, async () => {
    const stateDir = freshStateDir();
    // Both jobs poll every 40 ms for a while, so their lines are appended side by side.
    const runs = await Promise.all(
      ['first', 'second'].map((word) =>
        runCli(['ask', `${word} [emulator:job-ms=600]`], { env: envWith(stateDir) }),
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const entries = await jobsJson(stateDir);
    expect(entries.map((e) => e.prompt.preview).sort()).toEqual([
      'first [emulator:job-ms=600]',
      'second [emulator:job-ms=600]',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ status: 'completed', delivery: 'background', cost: { currency: 'USD' } });
    }
    // Every line is whole JSON: no write was cut into another.
    for (const line of ledgerText(stateDir).trimEnd().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow();
    expect(completionPosts(emulator())).toHaveLength(2);
  });

  it('a CLI killed with SIGKILL mid-wait: `jobs` still lists the job and `wait --last` collects it with no second POST', {
    timeout: 120_000,
  }, async () => {
    const stateDir = freshStateDir();
    const killed = await runCli(['ask', 'Forgotten analysis [emulator:job-ms=2500]'], {
      env: envWith(stateDir),
      onStart: (child, result) => {
        whenStderr(result, /job resp_\S+ (queued|in_progress)/, 40_000).then(() => child.kill('SIGKILL'));
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    const [job] = await jobsJson(stateDir);
    expect(job).toMatchObject({
      id: expect.stringMatching(/^resp_/),
      status: expect.stringMatching(/queued|in_progress/),
    });
    const listed = await runCli(['jobs'], { env: envWith(stateDir) });
    expect(listed.stdout).toMatch(
      new RegExp(
        `${job!.id} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +(queued|in_progress) +– +– +Forgotten analysis`,
      ),
    );
    expect(listed.stderr).toContain('collect the newest with: modelstream wait --last');

    const collected = await runCli(['wait', '--last'], { env: envWith(stateDir) });
    expect(collected.code, collected.stderr).toBe(0);
    expect(collected.stderr).toContain(`job ${job!.id} from the ledger`);
    expect(collected.stdout).toContain('Forgotten analysis');
    expect(completionPosts(emulator())).toHaveLength(1);
    const [after] = await jobsJson(stateDir);
    expect(after).toMatchObject({
      id: job!.id,
      status: 'completed',
      usage: { total_tokens: expect.any(Number) },
    });
  });

  it('a corrupt or half-written line is skipped with a note, and loses no other entry', async () => {
    const stateDir = freshStateDir();
    const good = (id: string, preview: string) =>
      JSON.stringify({
        id,
        model: 'gpt-5.4-pro',
        delivery: 'background',
        status: 'in_progress',
        startedAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
        prompt: { hash: '0123456789abcdef', preview },
      });
    writeFileSync(
      join(stateDir, 'jobs.jsonl'),
      [
        good('resp_one', 'first job'),
        'garbage that is not JSON',
        // A write cut short by a killed process, and the next process's line appended onto it.
        `${good('resp_cut', 'cut short').slice(0, 50)}${good('resp_two', 'second job')}`,
        // The last write cut short too: the file ends without a newline.
        good('resp_tail', 'never finished').slice(0, 40),
      ].join('\n'),
    );
    const run = await runCli(['jobs', '--output', 'json'], { env: envWith(stateDir) });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as LedgerEntry[]).map((e) => e.id).sort()).toEqual([
      'resp_one',
      'resp_two',
    ]);
    expect(run.stderr).toMatch(
      /skipped 3 unreadable lines of .*jobs\.jsonl \(lines 2, 3, 4: a write cut short or damaged\); every other entry was read/,
    );

    // The next answer appended after the cut-off last line is read back too.
    const ask = await runCli(['ask', 'after the damage', '--no-background'], { env: envWith(stateDir) });
    expect(ask.code, ask.stderr).toBe(0);
    const ids = (await jobsJson(stateDir)).map((e) => e.prompt.preview);
    expect(ids).toContain('after the damage');
    expect(ids).toContain('second job');
  });

  it('keeps a hash and 60 characters of a prompt, never the key; the whole prompt only with --log-prompts', async () => {
    const stateDir = freshStateDir();
    const prompt = `Confidential: ${'the merger terms are '.repeat(6)}END-OF-PROMPT`;
    expect((await runCli(['ask', prompt, '--no-background'], { env: envWith(stateDir) })).code).toBe(0);
    let text = ledgerText(stateDir);
    expect(text).not.toContain('END-OF-PROMPT');
    expect(text).toContain(`"preview":"${prompt.slice(0, 60)}"`);
    expect(text).toMatch(/"hash":"[0-9a-f]{16}"/);
    expect(text).not.toContain(FAKE_KEY);

    expect(
      (await runCli(['ask', prompt, '--no-background', '--log-prompts'], { env: envWith(stateDir) })).code,
    ).toBe(0);
    const keyFile = join(stateDir, 'key.txt');
    writeFileSync(keyFile, 'sk-test-from-a-file-0002\n');
    const fromEnv = await runCli(
      ['ask', 'second prompt END-TWO', '--no-background', '--api-key-file', keyFile],
      {
        env: envWith(stateDir, { MODELSTREAM_LOG_PROMPTS: 'true' }),
        secrets: ['sk-test-from-a-file-0002'],
      },
    );
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    text = ledgerText(stateDir);
    expect(text).toContain('END-OF-PROMPT');
    expect(text).toContain('END-TWO');
    expect(text).not.toContain(FAKE_KEY);
    expect(text).not.toContain('sk-test-from-a-file-0002');
  });

  it('`log` lists answers with usage, cost, a total and the prices used; --since and --output json', async () => {
    const stateDir = freshStateDir();
    for (const word of ['alpha', 'beta']) {
      expect((await runCli(['ask', word, '--no-background'], { env: envWith(stateDir) })).code).toBe(0);
    }
    const log = await runCli(['log'], { env: envWith(stateDir) });
    expect(log.stdout).toMatch(/^STARTED +ID +STATUS +TOKENS +COST +PROMPT$/m);
    expect(log.stdout).toMatch(/completed +\d+ +\$0\.\d+ +alpha/);
    expect(log.stdout).toMatch(/^total: 2 answers, \d+ tokens, \$0\.\d+$/m);
    expect(log.stdout).toContain("prices: OpenAI's list prices for gpt-5.4-pro");
    const json = await runCli(['log', '--output', 'json', '--since', '1h'], { env: envWith(stateDir) });
    const parsed = JSON.parse(json.stdout) as {
      answers: LedgerEntry[];
      total: { answers: number; costUsd: number };
    };
    expect(parsed.total.answers).toBe(2);
    const sum = parsed.answers.reduce((s, e) => s + (e.cost?.total ?? 0), 0);
    expect(parsed.total.costUsd).toBeCloseTo(sum, 6);
    const future = await runCli(['log', '--output', 'json', '--since', '2999-01-01'], {
      env: envWith(stateDir),
    });
    expect(JSON.parse(future.stdout).total.answers).toBe(0);
    const bad = await runCli(['log', '--since', 'yesterday'], { env: envWith(stateDir) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--since: "yesterday" is not allowed; use a time ago (90m, 12h, 7d, 2w) or a date',
    );
  });

  it('`cancel --all-running` cancels every running job of the ledger (no terminal: no question)', async () => {
    const stateDir = freshStateDir();
    const ids: string[] = [];
    for (const word of ['one', 'two']) {
      const run = await runCli(['ask', '--no-wait', `${word} [emulator:job-ms=60000]`], {
        env: envWith(stateDir),
      });
      ids.push(run.stdout.trim());
    }
    const run = await runCli(['cancel', '--all-running'], { env: envWith(stateDir) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').sort()).toEqual(ids.map((id) => `${id} cancelled`).sort());
    expect((await jobsJson(stateDir)).map((e) => e.status)).toEqual(['cancelled', 'cancelled']);
    const again = await runCli(['cancel', '--all-running'], { env: envWith(stateDir) });
    expect(again.stderr).toContain('no running jobs in the ledger; nothing to cancel');
    expect(completionPosts(emulator())).toHaveLength(2);
  });
});

describe('cost', () => {
  it('--max-cost refuses an unbounded request with the numbers, and 0 requests are sent', async () => {
    const stateDir = freshStateDir();
    const run = await runCli(['ask', 'hi', '--max-cost', '0.50'], { env: envWith(stateDir) });
    expect(run.code).toBe(2);
    // 128,000 output tokens at $180 per million = $23.04 worst case.
    expect(run.stderr).toMatch(
      /--max-cost: this request may cost up to ≤ \$23\.04 \(1 input tokens .* and up to 128,000 output tokens: .*above the ceiling of \$0\.5; nothing was sent/,
    );
    expect(run.stderr).toContain('text counted with the o200k tokenizer');
    const fromEnv = await runCli(['ask', 'hi'], {
      env: envWith(stateDir, { MODELSTREAM_MAX_COST_USD: '2' }),
    });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(
      /^modelstream: MODELSTREAM_MAX_COST_USD: this request may cost up to .* above the ceiling of \$2; nothing was sent/m,
    );
    expect(run.stderr).not.toContain('Starting');
    expect(emulator().requests()).toHaveLength(0);
    const bad = await runCli(['ask', 'hi', '--max-cost', 'lots'], { env: envWith(stateDir) });
    expect(bad.stderr).toContain('--max-cost: "lots" is not allowed; use a number above 0');
  });

  it('a bounded request passes the ceiling; the usage line and --output json carry the cost and the prices used', async () => {
    const stateDir = freshStateDir();
    const run = await runCli(
      ['ask', 'hi', '--max-cost', '1', '--max-output-tokens', '1000', '--no-background'],
      {
        env: envWith(stateDir),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/usage: .* tokens · cost \$0\.\d+ \(up to 272,000 input tokens\) · chatcmpl-/);
    // The estimate shows even when it passes: 1,000 output tokens at $180 per million is $0.18 of the worst case.
    expect(run.stderr).toMatch(
      /cost: ≤ \$0\.18\d* in the worst case \(up to 272,000 input tokens\), within the --max-cost ceiling of \$1/,
    );
    expect(run.stderr).toContain("prices: OpenAI's list prices for gpt-5.4-pro");
    const json = await runCli(
      ['ask', 'hi', '--output', 'json', '--no-background', '--price-multiplier', '2'],
      {
        env: envWith(stateDir),
      },
    );
    const completion = JSON.parse(json.stdout) as {
      usage: { prompt_tokens: number; completion_tokens: number };
      cost: { total: number; source: string };
    };
    // Hand-computed at twice the list prices ($60 and $360 per million).
    const expected = (completion.usage.prompt_tokens * 60 + completion.usage.completion_tokens * 360) / 1e6;
    expect(completion.cost.total).toBeCloseTo(expected, 6);
    expect(completion.cost.source).toContain('× 2 (price multiplier setting)');
  });

  it('a price table from a file is used and named; a bad one is refused before sending', async () => {
    const stateDir = freshStateDir();
    const table = join(stateDir, 'prices.json');
    writeFileSync(
      table,
      JSON.stringify({
        source: 'our ModelStream invoice, March',
        tiers: [{ inputPerMillion: 1, outputPerMillion: 2 }],
      }),
    );
    const run = await runCli(['ask', 'hi', '--output', 'json', '--no-background', '--price-table', table], {
      env: envWith(stateDir),
    });
    const completion = JSON.parse(run.stdout) as {
      usage: { prompt_tokens: number; completion_tokens: number };
      cost: { total: number; source: string };
    };
    expect(completion.cost.source).toBe('our ModelStream invoice, March');
    expect(completion.cost.total).toBeCloseTo(
      (completion.usage.prompt_tokens * 1 + completion.usage.completion_tokens * 2) / 1e6,
      6,
    );
    writeFileSync(table, JSON.stringify({ tiers: [] }));
    const bad = await runCli(['ask', 'hi', '--price-table', table], { env: envWith(stateDir) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--price-table: ');
    expect(completionPosts(emulator())).toHaveLength(1);
  });
});
