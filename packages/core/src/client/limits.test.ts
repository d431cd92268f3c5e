import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ServerError } from '../errors/http-errors.js';
import { InvalidResponseError } from '../errors/response-errors.js';
import { ValidationError } from '../errors/validation-error.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';
import { useGateway } from '../test-utils/gateway.js';
import type { RetryInfo } from './http-call.js';

const emulator = useEmulator();
const gateway = useGateway();
const MB = 1024 * 1024;

describe('bounded resources, clear words', () => {
  it('a body past maxResponseBytes is a clear error, not all of it in memory', async () => {
    const gw = await gateway((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const block = Buffer.alloc(MB, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 64 && res.write(block)) sent++;
        if (sent < 64) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => {});
      pump();
    });
    const error = await errorOf(
      clientFor(emulator(), { baseUrl: gw.url, maxResponseBytes: 2 * MB }).complete({
        prompt: 'x',
        background: false,
      }),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('over 2 MB (the maxResponseBytes setting)');
  });

  it('a huge 5xx body is not read whole on each retry', async () => {
    let calls = 0;
    const gw = await gateway((_req, res) => {
      calls++;
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': String(8 * MB) });
      res.on('error', () => {});
      res.end(Buffer.alloc(8 * MB, ' '));
    });
    const retries: RetryInfo[] = [];
    const error = await errorOf(
      clientFor(emulator(), { baseUrl: gw.url, maxRetries: 2 }).complete(
        { prompt: 'x', background: false },
        { onRetry: (r) => retries.push(r) },
      ),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(retries).toHaveLength(2);
    expect(calls).toBe(3);
  });

  it('a 5xx body is read only up to a small limit on each attempt, never whole', async () => {
    // 64 MB offered per attempt, written only as the socket drains: what went out is what the client took
    // (plus the loopback buffers), so a client reading each error body whole would take all of it.
    const offered = 64 * MB;
    const written: number[] = [];
    const gw = await gateway((_req, res) => {
      const attempt = written.push(0) - 1;
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': String(offered) });
      res.on('error', () => {});
      const block = Buffer.alloc(64 * 1024, ' ');
      const pump = () => {
        while (written[attempt]! < offered && !res.destroyed) {
          written[attempt]! += block.length;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    const error = await errorOf(
      clientFor(emulator(), { baseUrl: gw.url, maxRetries: 2 }).complete({ prompt: 'x', background: false }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(written).toHaveLength(3);
    for (const bytes of written) expect(bytes).toBeLessThan(offered / 4);
  });

  it('a Retry-After in the past falls back to the jittered backoff, not back-to-back requests', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    emulator().enqueue(
      { kind: 'status', status: 503, retryAfter: past },
      { kind: 'status', status: 503, retryAfter: past },
    );
    const retries: RetryInfo[] = [];
    await clientFor(emulator(), { random: () => 1, backoff: { baseMs: 40, maxMs: 1_000 } }).complete(
      { prompt: 'x', background: false },
      { onRetry: (r) => retries.push(r) },
    );
    expect(retries.map((r) => r.delayMs)).toEqual([40, 80]);
  });

  it('a compressed body nobody asked for is named as such', async () => {
    const gw = await gateway((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ id: 'x', choices: [] })));
    });
    const error = await errorOf(
      clientFor(emulator(), { baseUrl: gw.url }).complete({ prompt: 'x', background: false }),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain(
      'compressed (content-encoding: gzip) though the client did not ask for compression',
    );
  });

  it('a prompt that cannot fit the context window is refused before sending, with the numbers', async () => {
    const prompt = 'word '.repeat(2_000_000) + 'x'.repeat(1_000_000);
    const error = await errorOf(clientFor(emulator()).complete({ prompt }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(
      /^prompt: 10\.5 MB of text is at least 1,375,000 tokens, more than gpt-5\.4-pro's context window of 1,050,000 tokens/,
    );
    expect(posts(emulator())).toHaveLength(0);
  });

  it('an image over the size limit is refused before sending, with its size', async () => {
    const big = `data:image/png;base64,${'A'.repeat(28 * MB)}`;
    const error = await errorOf(
      clientFor(emulator()).complete({ prompt: 'x', image_urls: ['https://x.test/a.png', big] }),
    );
    expect(error.message).toBe(
      'image_urls[1]: the image is 21.0 MB, over the 20.0 MB a single image may be; shrink it or send a URL (nothing was sent)',
    );
    expect(posts(emulator())).toHaveLength(0);
  });

  it('a base URL ending in /v1 works (the paths carry /v1)', async () => {
    const completion = await clientFor(emulator(), { baseUrl: `${emulator().url}/v1` }).complete({
      prompt: 'x',
      background: false,
    });
    expect(completion.text).toBeTruthy();
  });

  it('a base URL that is the whole endpoint works too', async () => {
    const client = clientFor(emulator(), { baseUrl: `${emulator().url}/v1/chat/completions/` });
    expect(client.baseUrl).toBe(emulator().url);
    expect((await client.complete({ prompt: 'x', background: false })).text).toBeTruthy();
  });

  it('a 404 for the endpoint says what the base URL should be, not a bare 404', async () => {
    const base = `${emulator().url}/v2/api`;
    const error = await errorOf(
      clientFor(emulator(), { baseUrl: base }).complete({ prompt: 'x', background: false }),
    );
    expect(error).toMatchObject({ status: 404 });
    expect(error.message).toContain(`Nothing answers POST /v1/chat/completions under the base URL ${base}`);
    expect(error.message).toContain('not include /v1 or the endpoint');
    expect(posts(emulator())).toHaveLength(0);
  });
});
