import { describe, expect, it } from 'vitest';
import { PROFILES } from './doctor/findings.js';
import { runCli } from './test-utils/run-cli.js';

const env = () => ({ PATH: process.env.PATH ?? '' });

describe('modelstream doctor', () => {
  it.each(PROFILES)('identifies the emulator’s %s profile', async (profile) => {
    const run = await runCli(['doctor', '--emulator', '--profile', profile, '--output', 'json'], {
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { profile: string; checks: { name: string; status: string }[] };
    expect(report.profile).toBe(profile);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
  });

  it('says what to set for a gateway whose jobs live elsewhere, in words', async () => {
    const run = await runCli(['doctor', '--emulator', '--profile', 'chat-job'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('profile: chat-job');
    // The exact setting on every surface, by the name each one uses.
    for (const line of [
      'MODELSTREAM_JOB_PATH=/v1/chat/completions/{id}',
      '--job-path=/v1/chat/completions/{id}',
      'job-path=/v1/chat/completions/{id}',
      'Job Path (credential)=/v1/chat/completions/{id}',
      'Job Path (connection)=/v1/chat/completions/{id}',
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(run.stdout).toMatch(
      /✓ background: job chatcmpl-\S+, polled at GET \/v1\/chat\/completions\/\{id\}/,
    );
  });

  it('spends nothing on a real endpoint without --spend, and says what it skipped', async () => {
    const { startEmulator } = await import('@modelstream-kit/emulator');
    const emulator = await startEmulator({ port: 0 });
    try {
      const run = await runCli(['doctor', '--base-url', emulator.url], {
        env: { ...env(), MODELSTREAM_API_KEY: 'sk-test-not-a-real-key' },
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('– background, polling, cancel, streaming: not checked: add --spend');
      expect(emulator.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
    } finally {
      await emulator.close();
    }
  });

  it('refuses a profile without --emulator, and an unknown one', async () => {
    expect((await runCli(['doctor', '--profile', 'sync-only'], { env: env() })).stderr).toContain(
      'use it with --emulator',
    );
    const bad = await runCli(['doctor', '--emulator', '--profile', 'nope'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--profile: "nope" is not allowed; use responses, sync-only');
  });
});
