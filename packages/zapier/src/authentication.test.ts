import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type AuthTestResult, connectionLabel } from './authentication.js';
import { captureZapierLogs, errorOf, FAKE_KEY, useZapier, zapierFields } from './test-utils/harness.js';

const h = useZapier();
const authTest = () => h.app.authentication?.test as (z: ZObject, bundle: Bundle) => Promise<AuthTestResult>;

describe('authentication (through Zapier middleware, against the emulator)', () => {
  it('a good key passes: the test lists the models and sends the key as a Bearer token', async () => {
    const logs = captureZapierLogs();
    const result = await h.tester(authTest(), h.bundle());
    expect(result.has_model).toBe(true);
    expect(result.models).toContain('gpt-5.4-pro');
    expect(result.host).toBe(new URL(h.emulator().url).host);
    const [request] = h.emulator().requests();
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request?.hasKey).toBe(true);
    expect(logs.text()).toContain('/v1/models');
    expect(logs.text()).not.toContain(FAKE_KEY);
  });

  it('a wrong key fails the test plainly, with what to do and without the key', async () => {
    const error = await errorOf(h.tester(authTest(), h.bundle({}, { key: 'sk-emulator-401' })));
    const fields = zapierFields(error);
    expect(fields.code).toBe('invalid_api_key');
    expect(String(fields.message)).toMatch(/rejected the API key \(401\)/);
    expect(String(fields.message)).toContain('Copy the key again');
    expect(error.message).not.toContain('sk-emulator-401');
  });

  it('402 and 403 fail the test with the account problem named', async () => {
    const quota = await errorOf(h.tester(authTest(), h.bundle({}, { key: 'sk-emulator-402' })));
    expect(quota.name).toBe('HaltedError');
    expect(quota.message).toContain('ModelStream quota exhausted');
    const denied = zapierFields(
      await errorOf(h.tester(authTest(), h.bundle({}, { key: 'sk-emulator-403' }))),
    );
    expect(denied).toMatchObject({ code: 'permission_denied', status: 403 });
  });

  it('a plain-http base URL off loopback is refused before any request', async () => {
    const error = await errorOf(h.tester(authTest(), h.bundle({}, { baseUrl: 'http://api.example.com' })));
    expect(zapierFields(error).code).toBe('invalid_input');
    expect(String(zapierFields(error).message)).toContain('https');
    expect(h.emulator().requests()).toEqual([]);
  });

  it('an unreachable server is said to be unreachable, naming the host', async () => {
    const error = await errorOf(h.tester(authTest(), h.bundle({}, { baseUrl: 'http://127.0.0.1:1' })));
    expect(zapierFields(error)).toMatchObject({ code: 'connection_failed' });
    expect(String(zapierFields(error).message)).toContain('127.0.0.1:1');
  });

  it('the connection label names the server, never the key', async () => {
    const label = (host: string) =>
      connectionLabel({} as ZObject, { inputData: { host } } as unknown as Bundle<Partial<AuthTestResult>>);
    expect(await label('api.modelstream.ai')).toBe('ModelStream');
    expect(await label('gw.example.com')).toBe('ModelStream (gw.example.com)');
    const result = await h.tester(authTest(), h.bundle());
    const shown = await connectionLabel(
      {} as ZObject,
      { inputData: result } as unknown as Bundle<AuthTestResult>,
    );
    expect(shown).toBe(`ModelStream (${result.host})`);
    expect(shown).not.toContain(FAKE_KEY.slice(-4));
  });
});

describe('middleware', () => {
  it('a direct request that lets Zapier throw gets ModelStream’s meaning (afterResponse)', async () => {
    const error = await errorOf(
      h.tester(
        (z: ZObject) => z.request({ url: `${h.emulator().url}/v1/models` }),
        h.bundle({}, { key: 'sk-emulator-402' }),
      ),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('quota exhausted');
  });

  it('requests that skip the status check reach the caller untouched (what the core relies on)', async () => {
    const status = await h.tester(
      async (z: ZObject) =>
        (await z.request({ url: `${h.emulator().url}/v1/models`, skipThrowForStatus: true })).status,
      h.bundle({}, { key: 'sk-emulator-401' }),
    );
    expect(status).toBe(401);
  });
});
