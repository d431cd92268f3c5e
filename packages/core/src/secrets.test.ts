import { inspect } from 'node:util';
import type { Fault } from '@modelstream-kit/emulator';
import { describe, expect, it } from 'vitest';
import { clientFor, errorOf, FAKE_KEY, useEmulator } from './test-utils/emulator.js';

const emulator = useEmulator();

const faults: [string, Fault[]][] = [
  [
    '401 echoing the key',
    [{ kind: 'status', status: 401, message: `Incorrect API key provided: ${FAKE_KEY}` }],
  ],
  ['402', [{ kind: 'status', status: 402 }]],
  ['403', [{ kind: 'status', status: 403, message: `key ${FAKE_KEY} is not allowed from this IP` }]],
  [
    '429 exhausted',
    Array.from({ length: 3 }, () => ({ kind: 'status', status: 429, retryAfterMs: 1 }) as Fault),
  ],
  ['500 exhausted', Array.from({ length: 3 }, () => ({ kind: 'status', status: 500 }) as Fault)],
  ['drop', [{ kind: 'drop', when: 'after-body' }]],
  ['malformed', [{ kind: 'malformed-json' }]],
  ['job failure echoing the key', [{ kind: 'job-fails', message: `failed for ${FAKE_KEY}` }]],
];

function expectNoKey(error: Error, logLines: string[]) {
  for (const text of [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    ...logLines,
  ]) {
    expect(text).not.toContain(FAKE_KEY);
    expect(text).not.toContain('not-a-real-key');
  }
}

describe('the API key', () => {
  it.each(faults)('never appears in the error or the logs: %s', async (name, queued) => {
    emulator().enqueue(...queued);
    const lines: string[] = [];
    const logger = {
      debug: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f)}`),
      warn: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f)}`),
    };
    const client = clientFor(emulator(), { maxRetries: 2, logger, logPrompts: true });
    const background = name.startsWith('job');
    const error = await errorOf(
      background
        ? client.start({ prompt: 'x' }).then((job) => client.wait(job.id))
        : client.complete({ prompt: 'x' }),
    );
    expect(lines.length).toBeGreaterThan(0);
    expectNoKey(error, lines);
  });

  it('never appears in a validation error or a missing-key error', async () => {
    const error = await errorOf(
      clientFor(emulator()).complete({ prompt: FAKE_KEY.slice(0, 3), verbosity: 'x' }),
    );
    expectNoKey(error, []);
  });
});
