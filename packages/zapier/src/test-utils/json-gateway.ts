import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * A gateway on 127.0.0.1 that answers every POST at once with a finished chat completion whose content
 * is the JSON set for the test (as a sync-only gateway would): what the emulator cannot give, a model
 * that answers the task's keys. Records the bodies it was sent.
 */
export function useJsonGateway() {
  let server: Server;
  let url = '';
  let content = '{}';
  const bodies: Record<string, unknown>[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST') {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"error":{"message":"No route","code":"unknown_url"}}');
          return;
        }
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_gw_${bodies.length}` });
        res.end(
          JSON.stringify({
            id: `chatcmpl-gw-${bodies.length}`,
            object: 'chat.completion',
            model: 'gpt-5.4-pro',
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    bodies.length = 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: () => url,
    bodies,
    answer(json: unknown) {
      content = typeof json === 'string' ? json : JSON.stringify(json);
    },
  };
}
