import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors/validation-error.js';
import { clientFor, errorOf, FAKE_KEY, useEmulator } from './test-utils/emulator.js';
import { useGateway } from './test-utils/gateway.js';

const emulator = useEmulator();
const gateway = useGateway();

/** A gateway that echoes the Authorization header into everything it answers. */
function echoing(status: number) {
  return gateway((req, res) => {
    const auth = String(req.headers.authorization);
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${auth}` });
    const body =
      status === 200
        ? {
            id: 'chatcmpl-echo',
            object: 'chat.completion',
            model: 'gpt-5.4-pro',
            echoed: { headers: { authorization: auth } },
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: `You sent ${auth}` },
                finish_reason: 'stop',
              },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }
        : { error: { message: `Bad key ${auth}`, code: auth, param: auth, type: auth } };
    res.end(JSON.stringify(body));
  });
}

const views = (value: unknown) => [
  JSON.stringify(value),
  inspect(value, { depth: 20, showHidden: true }),
  value instanceof Error ? String(value.stack) : '',
];

describe('the API key, against a gateway that echoes it', () => {
  it('is in no error field, no JSON of the error, no inspect of it, and no log line', async () => {
    const gw = await echoing(400);
    const lines: string[] = [];
    const logger = {
      debug: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f)}`),
      warn: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f)}`),
    };
    const error = await errorOf(
      clientFor(emulator(), { baseUrl: gw.url, logger }).complete({ prompt: 'x', background: false }),
    );
    const fields = error as unknown as Record<string, unknown>;
    for (const name of ['message', 'code', 'param', 'type', 'requestId']) {
      expect(String(fields[name]), name).not.toContain(FAKE_KEY);
    }
    expect(fields.requestId).toBeTruthy();
    for (const text of [...views(error), ...lines]) expect(text).not.toContain(FAKE_KEY);
  });

  it('is not in Completion.raw, its text or its request id when a 200 echoes it', async () => {
    const gw = await echoing(200);
    const completion = await clientFor(emulator(), { baseUrl: gw.url }).complete({
      prompt: 'x',
      background: false,
    });
    expect(completion.text).toBe('You sent Bearer [redacted]');
    for (const text of views(completion)) expect(text).not.toContain(FAKE_KEY);
  });

  it('a base URL carrying credentials is refused without repeating them', () => {
    let error: unknown;
    try {
      clientFor(emulator(), { baseUrl: `https://user:${FAKE_KEY}@api.example.com` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(
      /^baseUrl: "https:\/\/\[credentials removed\]@api\.example\.com" is not allowed \(it carries credentials\)/,
    );
    for (const text of views(error)) expect(text).not.toContain(FAKE_KEY);
  });

  it.each([
    ['a line break', `${FAKE_KEY}\nX-Evil: 1`],
    ['a carriage return', `${FAKE_KEY}\rX-Evil: 1`],
    ['the character U+2013', `${FAKE_KEY}–more`],
    ['the character U+65E5', `${FAKE_KEY}日`],
  ])('a key holding %s is bad input naming the setting, before anything is sent', async (what, apiKey) => {
    let error: unknown;
    try {
      await clientFor(emulator(), { apiKey }).complete({ prompt: 'x', background: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(`apiKey: the key holds ${what}`);
    expect((error as { mayHaveRun?: boolean }).mayHaveRun).toBeUndefined();
    for (const text of views(error)) expect(text).not.toContain(FAKE_KEY);
    expect(emulator().requests()).toHaveLength(0);
  });
});
