import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../errors/http-errors.js';
import { ConnectionError } from '../errors/transport-errors.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';
import type { RetryInfo } from './http-call.js';

const emulator = useEmulator();
const prompt = { prompt: 'Retry me' };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('retries', () => {
  it('honours Retry-After in seconds, then succeeds', async () => {
    emulator().enqueue({ kind: 'status', status: 429, retryAfter: '1' });
    const retries: RetryInfo[] = [];
    const completion = await clientFor(emulator()).complete(prompt, { onRetry: (r) => retries.push(r) });
    expect(completion.text).toBeTruthy();
    expect(retries.map((r) => r.delayMs)).toEqual([1000]);
    expect(retries[0]?.error).toBeInstanceOf(RateLimitError);
    expect(posts(emulator())).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date and retry-after-ms', async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    emulator().enqueue(
      { kind: 'status', status: 429, retryAfter: inTwoSeconds },
      { kind: 'status', status: 503, retryAfterMs: 40 },
    );
    const retries: RetryInfo[] = [];
    await clientFor(emulator()).complete(prompt, { onRetry: (r) => retries.push(r) });
    expect(retries).toHaveLength(2);
    expect(retries[0]!.delayMs).toBeGreaterThan(0);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(2000);
    expect(retries[1]!.delayMs).toBe(40);
  });

  it('gives up at once when the server asks for a wait longer than the deadline', async () => {
    emulator().enqueue({ kind: 'status', status: 429, retryAfter: '3600' });
    const error = await errorOf(clientFor(emulator()).complete(prompt, { deadlineMs: 5_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(posts(emulator())).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])('retries %i, then succeeds', async (status) => {
    emulator().enqueue({ kind: 'status', status }, { kind: 'status', status });
    const completion = await clientFor(emulator()).complete(prompt);
    expect(completion.text).toBeTruthy();
    expect(posts(emulator())).toHaveLength(3);
  });

  it('stops after maxRetries with a ServerError', async () => {
    emulator().enqueue(...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 })));
    const error = await errorOf(clientFor(emulator(), { maxRetries: 2 }).complete(prompt));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(500);
    expect(posts(emulator())).toHaveLength(3);
  });

  it.each([
    ['sk-emulator-401', AuthenticationError, 401, 'rejected the API key'],
    ['sk-emulator-402', QuotaExceededError, 402, 'quota exhausted'],
    ['sk-emulator-403', PermissionDeniedError, 403, 'refused access'],
  ] as const)('%s is final: one request, no retry', async (apiKey, type, status, words) => {
    const error = await errorOf(clientFor(emulator(), { apiKey }).complete(prompt));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, retryable: false });
    expect(error.message).toContain(words);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('treats a 429 whose code says the quota is gone as final', async () => {
    emulator().enqueue({
      kind: 'status',
      status: 429,
      code: 'insufficient_quota',
      message: 'You exceeded your quota',
    });
    const error = await errorOf(clientFor(emulator()).complete(prompt));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('retries a refused connection: the request never left', async () => {
    const port = await closedPort();
    const retries: RetryInfo[] = [];
    const error = await errorOf(
      clientFor(emulator(), { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2 }).complete(prompt, {
        onRetry: (r) => retries.push(r),
      }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveRun).toBe(false);
    expect(retries).toHaveLength(2);
  });
});
