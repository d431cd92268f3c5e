import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll } from 'vitest';

export interface Gateway {
  url: string;
  /** Requests seen: method, path and the Authorization header's presence (never its value). */
  seen: { method: string; path: string; body: string }[];
}

/**
 * A hand-written gateway on 127.0.0.1 for behaviours no emulator fault gives: each test says exactly
 * what goes on the wire. Closed after the file.
 */
export function useGateway(): (
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
) => Promise<Gateway> {
  const servers: ReturnType<typeof createServer>[] = [];
  afterAll(() =>
    Promise.all(
      servers.map(
        (server) =>
          new Promise((resolve) => {
            server.closeAllConnections();
            server.close(resolve);
          }),
      ),
    ),
  );
  return async (handler) => {
    const seen: Gateway['seen'] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', path: req.url ?? '', body });
        handler(req, res, body);
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
  };
}

/** SSE lines of a chat-completion stream. */
export const sse = (...events: unknown[]) =>
  events.map((e) => `data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`).join('');

export const chunk = (content: string) => ({
  id: 'chatcmpl-gw',
  object: 'chat.completion.chunk',
  model: 'gpt-5.4-pro',
  choices: [{ index: 0, delta: { content } }],
});
