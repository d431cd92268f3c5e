import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorder {
  url: string;
  /** The JSON bodies of the POSTs that went through, in order. */
  bodies(): Record<string, unknown>[];
  clear(): void;
  close(): Promise<void>;
}

/**
 * A pass-through proxy in front of the emulator that keeps each request body, so a test can check what
 * the CLI sent on the wire (the emulator's own log keeps neither prompts nor keys). Responses, streams
 * included, are piped back untouched.
 */
export async function startRecorder(target: string): Promise<Recorder> {
  const upstream = new URL(target);
  let bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && body.length > 0) bodies.push(JSON.parse(body.toString('utf8')));
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies: () => bodies,
    clear: () => {
      bodies = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
