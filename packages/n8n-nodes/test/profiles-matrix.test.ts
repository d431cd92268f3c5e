import { gpt54Pro } from '@modelstream-kit/core';
import { PROFILE_NAMES } from '@modelstream-kit/emulator';
import { useEmulator } from '@modelstream-kit/emulator/vitest';
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { ModelStreamApi, NO_MODEL_LIST } from '../credentials/ModelStreamApi.credentials';
import { executeModelStream } from '../nodes/ModelStream/execute';
import { createContext, itemsOf, TEST_KEY } from './n8n-context';

// Jobs long enough to be polled at least once; the proxied front cuts a connection idle for 400 ms.
const emulator = useEmulator({ jobDurationMs: 600 });

const posts = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');

async function message(profile: string, credentials: IDataObject = {}) {
  emulator().setProfile({ profile: profile as never, idleCutMs: 400 });
  const context = createContext({
    items: itemsOf(1),
    continueOnFail: true,
    credentials: { apiKey: TEST_KEY, baseUrl: emulator().url, ...credentials } as never,
    parameters: { operation: 'message', prompt: 'Say hi', options: {} },
  });
  const [item] = await executeModelStream(context.ctx, gpt54Pro);
  return { json: item?.json ?? {}, logged: context.logged };
}

describe("the node's Message operation against every gateway profile", () => {
  it.each(['responses', 'sync-only', 'proxied', 'no-models'])(
    '%s: answers with one POST',
    async (profile) => {
      const { json } = await message(profile);
      expect(json.error).toBeUndefined();
      expect(json.text).toContain('Say hi');
      expect(json.cost).toMatchObject({ currency: 'USD' });
      expect(posts()).toHaveLength(1);
    },
  );

  it('chat-job without Job Path: finds the job at the chat path, says so in the log, one POST', async () => {
    const { json, logged } = await message('chat-job');
    expect(json.error).toBeUndefined();
    expect(json.text).toContain('Say hi');
    expect(logged.join('\n')).toContain('jobs are served at /v1/chat/completions/{id} on this gateway');
    expect(posts()).toHaveLength(1);
  });

  it('chat-job with Job Path in the credential: polls there at once, one POST', async () => {
    const { json } = await message('chat-job', { jobPath: '/v1/chat/completions/{id}' });
    expect(json.text).toContain('Say hi');
    const polls = emulator()
      .requests()
      .filter((r) => r.method === 'GET');
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.every((r) => r.path.startsWith('/v1/chat/completions/'))).toBe(true);
    expect(posts()).toHaveLength(1);
  });

  it('no-background: a clear error naming the setting that fixes it, and no second POST', async () => {
    const { json } = await message('no-background');
    expect(json.status).toBe(400);
    expect(json.error).toMatch(/background/);
    expect(json.description).toContain('turn off Background in Options');
    expect(posts()).toHaveLength(1);
  });

  it('no-background with Background off in Options: answers with one POST', async () => {
    emulator().setProfile('no-background');
    const context = createContext({
      items: itemsOf(1),
      credentials: { apiKey: TEST_KEY, baseUrl: emulator().url },
      parameters: { operation: 'message', prompt: 'Say hi', options: { background: false } },
    });
    const [item] = await executeModelStream(context.ctx, gpt54Pro);
    expect(item?.json.text).toContain('Say hi');
    expect(posts()).toHaveLength(1);
  });
});

describe('the credential on every gateway profile', () => {
  const credential = new ModelStreamApi();

  it('a Job Path without {id} is refused by name before anything is sent', async () => {
    // A setting of the credential, not of an item: the node fails even under On Error: Continue.
    const error = await message('chat-job', { jobPath: '/v1/chat/completions' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Job Path: "/v1/chat/completions" is not allowed; use a path holding {id}, such as /v1/chat/completions/{id}',
    );
    expect(emulator().requests()).toHaveLength(0);
  });

  it.each(PROFILE_NAMES)(
    '%s: the credential test request lists the models, or the 404 rule explains',
    async (profile) => {
      emulator().setProfile(profile);
      const { url, method } = credential.test.request;
      const response = await fetch(`${emulator().url}${url}`, {
        method,
        headers: { authorization: `Bearer ${TEST_KEY}` },
      });
      const rule = credential.test.rules?.find((r) => r.type === 'responseCode');
      if (profile === 'no-models') {
        expect(response.status).toBe(404);
        expect(rule?.properties).toEqual({ value: 404, message: NO_MODEL_LIST });
        expect(NO_MODEL_LIST).toContain('it was not refused');
      } else {
        expect(response.status).toBe(200);
        expect(JSON.stringify(await response.json())).toContain(gpt54Pro.id);
      }
    },
  );
});
