import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES, PROFILES } from './profiles.js';
import { startEmulator } from './server.js';
import { chat, get, post, useEmulator } from './test-utils/http.js';

const emulator = useEmulator({ profile: 'chat-job', jobDurationMs: 0 });
const control = (path: string) => `${emulator().url}/_emulator/${path}`;

describe('choosing a profile', () => {
  it('starts with the profile given, and GET /_emulator/profile describes it', async () => {
    const res = await get(control('profile'), null);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      profile: 'chat-job',
      idleCutMs: 100_000,
      keepAliveMs: 15_000,
      behaviour: JSON.parse(JSON.stringify(PROFILES['chat-job'])),
    });
  });

  it('switches with POST /_emulator/profile, and reset() restores the starting profile', async () => {
    const res = await post(control('profile'), { profile: 'proxied', idleCutMs: 5000 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      profile: 'proxied',
      idleCutMs: 5000,
      behaviour: { idleCut: true },
    });
    expect(emulator().profile()).toEqual({ profile: 'proxied', idleCutMs: 5000, keepAliveMs: 15_000 });
    const job = await (
      await post(`${emulator().url}/v1/chat/completions`, chat('x', { background: true }))
    ).json();
    expect(job.object).toBe('response');
    emulator().reset();
    expect(emulator().profile()).toEqual({ profile: 'chat-job', idleCutMs: 100_000, keepAliveMs: 15_000 });
    emulator().setProfile('no-models');
    await post(control('reset'), {});
    expect(emulator().profile().profile).toBe('chat-job');
  });

  it('refuses an unknown profile or setting with 400 naming it, and keeps the profile in force', async () => {
    const bad = await post(control('profile'), { profile: 'graphql' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe(
      `profile: "graphql" is not a profile; use ${PROFILE_NAMES.join(', ')}`,
    );
    const zero = await post(control('profile'), { idleCutMs: 0 });
    expect((await zero.json()).error.message).toContain('idleCutMs: 0 is not allowed');
    const unknown = await post(control('profile'), { idle: 5 });
    expect((await unknown.json()).error.message).toContain('idle: is not a profile setting');
    expect(() => emulator().setProfile('graphql' as never)).toThrow(/is not a profile/);
    expect(emulator().profile().profile).toBe('chat-job');
  });

  it('refuses a bad profile at start', async () => {
    await expect(startEmulator({ port: 0, profile: 'graphql' as never })).rejects.toThrow(
      /profile: "graphql" is not a profile/,
    );
    await expect(startEmulator({ port: 0, keepAliveMs: -1 })).rejects.toThrow(/keepAliveMs/);
  });

  it('leaves the settings (config) apart from the profile', async () => {
    await post(control('profile'), { profile: 'sync-only' });
    expect(await (await get(control('config'), null)).json()).toEqual({
      latencyMs: 0,
      streamDelayMs: 0,
      jobDurationMs: 0,
    });
  });
});
