import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/http-errors.js';
import { clientFor, errorOf, useEmulator } from '../test-utils/emulator.js';
import { useGateway } from '../test-utils/gateway.js';

const emulator = useEmulator();
const gateway = useGateway();

const noRoute = (res: import('node:http').ServerResponse, path: string) => {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message: `No route for ${path}`, code: 'unknown_url' } }));
};

/** A gateway whose jobs are chat completions with a status, polled at /v1/chat/completions/{id}. */
const chatJobGateway = () => {
  let polls = 0;
  return gateway((req, res) => {
    const path = req.url ?? '';
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && path === '/v1/chat/completions')
      return send({ id: 'chatjob_1', object: 'chat.completion', status: 'queued' });
    if (req.method === 'GET' && path === '/v1/chat/completions/chatjob_1') {
      polls++;
      if (polls < 2) return send({ id: 'chatjob_1', object: 'chat.completion', status: 'in_progress' });
      return send({
        id: 'chatjob_1',
        object: 'chat.completion',
        status: 'completed',
        model: 'gpt-5.4-pro',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'from the chat job' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions/chatjob_1/cancel')
      return send({ id: 'chatjob_1', status: 'cancelled' });
    return noRoute(res, `${req.method} ${path}`);
  });
};

describe('the job path, found rather than assumed', () => {
  it('a 404 for the default poll route makes the client find the gateway’s own, say so once, and keep it', async () => {
    const gw = await chatJobGateway();
    const notices: string[] = [];
    const client = clientFor(emulator(), { baseUrl: gw.url });
    const completion = await client.complete({ prompt: 'x' }, { onNotice: (m) => notices.push(m) });
    expect(completion.text).toBe('from the chat job');
    expect(notices).toEqual([
      expect.stringContaining('jobs are served at /v1/chat/completions/{id} on this gateway'),
    ]);
    expect((await client.cancel('chatjob_1')).status).toBe('cancelled');
    const posts = gw.seen.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
    expect(posts).toHaveLength(1);
    expect(gw.seen.filter((r) => r.path.startsWith('/v1/responses/'))).toHaveLength(1);
  });

  it('with jobPath set, that path is used from the start', async () => {
    const gw = await chatJobGateway();
    const client = clientFor(emulator(), { baseUrl: gw.url, jobPath: '/v1/chat/completions/{id}' });
    expect((await client.complete({ prompt: 'x' })).text).toBe('from the chat job');
    expect(gw.seen.filter((r) => r.path.startsWith('/v1/responses/'))).toHaveLength(0);
  });

  it('when no path answers, the error names the job, the paths tried and the settings', async () => {
    const gw = await gateway((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ id: 'resp_lost', object: 'response', status: 'queued' }));
      }
      noRoute(res, `${req.method} ${req.url}`);
    });
    const error = await errorOf(clientFor(emulator(), { baseUrl: gw.url }).complete({ prompt: 'x' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 404, jobId: 'resp_lost' });
    expect(error.message).toContain('GET /v1/responses/{id} and GET /v1/chat/completions/{id}');
    expect(error.message).toContain('Set jobPath (MODELSTREAM_JOB_PATH)');
    expect(gw.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a job the gateway does not know (404 naming the id) is not searched for elsewhere', async () => {
    const error = await errorOf(clientFor(emulator()).retrieve('resp_nope'));
    expect(error).toMatchObject({ status: 404 });
    expect(
      emulator()
        .requests()
        .filter((r) => r.method === 'GET'),
    ).toHaveLength(1);
  });

  it('a gateway that refuses background says which setting to change, and nothing was started', async () => {
    const gw = await gateway((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: 'background is not supported',
            param: 'background',
            type: 'invalid_request_error',
          },
        }),
      );
    });
    const error = await errorOf(clientFor(emulator(), { baseUrl: gw.url }).run({ prompt: 'x' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('set background to false');
    expect((error as BadRequestError).jobId).toBeUndefined();
  });
});
