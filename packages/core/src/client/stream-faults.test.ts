import { describe, expect, it } from 'vitest';
import { InvalidResponseError, StreamFailedError } from '../errors/response-errors.js';
import { clientFor, errorOf, useEmulator } from '../test-utils/emulator.js';
import { chunk, sse, useGateway } from '../test-utils/gateway.js';

const emulator = useEmulator();
const gateway = useGateway();
const streamHead = { 'content-type': 'text/event-stream' };

describe('a stream that goes wrong after the request ran', () => {
  it('an error event mid-stream is final: typed, not retryable, with the partial text and usage seen', async () => {
    const gw = await gateway((_req, res) => {
      res.writeHead(200, streamHead);
      res.end(
        sse(
          chunk('Half of '),
          chunk('an answer'),
          {
            id: 'chatcmpl-gw',
            choices: [],
            usage: { prompt_tokens: 12, completion_tokens: 40, total_tokens: 52 },
          },
          { error: { message: 'upstream channel died', type: 'server_error', code: 'channel_failed' } },
        ),
      );
    });
    const client = clientFor(emulator(), { baseUrl: gw.url });
    const error = await errorOf(client.complete({ prompt: 'x', stream: true }));
    expect(error).toBeInstanceOf(StreamFailedError);
    expect(error).toMatchObject({
      retryable: false,
      partialText: 'Half of an answer',
      code: 'channel_failed',
      usage: { prompt_tokens: 12, completion_tokens: 40, total_tokens: 52 },
    });
    expect(error.message).toContain('after the request ran');
    expect(error.message).not.toMatch(/try again/i);
    expect(gw.seen).toHaveLength(1);
  });

  it('a data line that is not JSON is an InvalidResponseError, not a shorter answer', async () => {
    const gw = await gateway((_req, res) => {
      res.writeHead(200, streamHead);
      res.end(
        `${sse(chunk('The first part. '))}data: {"choices":[{"delta":{"content":"bro\n\n${sse(chunk('tail'), '[DONE]')}`,
      );
    });
    const client = clientFor(emulator(), { baseUrl: gw.url });
    const error = await errorOf(client.complete({ prompt: 'x', stream: true }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).partialText).toBe('The first part. ');
    expect(gw.seen).toHaveLength(1);
  });
});
