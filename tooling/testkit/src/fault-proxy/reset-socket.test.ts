import { connect, createServer, type Server, type Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSocket } from './reset-socket.js';

const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

/** Polls a bounded number of turns until this process holds no more TCP sockets than `baseline`. */
async function handlesBackTo(baseline: number, turns = 2_000): Promise<number> {
  let open = tcpHandles();
  for (let i = 0; i < turns && open > baseline; i++) {
    await nextTurn();
    open = tcpHandles();
  }
  return open;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A connected pair on loopback: the accepted side and the client side. */
async function pair(): Promise<{ accepted: Socket; client: Socket }> {
  const accepted = new Promise<Socket>((resolve) => {
    server = createServer((socket) => {
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server!.address() as { port: number };
  const client = connect(port, '127.0.0.1');
  client.on('error', () => undefined);
  await new Promise((resolve) => client.once('connect', resolve));
  return { accepted: await accepted, client };
}

describe('resetSocket', () => {
  it('resets an open connection: the peer sees ECONNRESET, and no handle is left', async () => {
    const baseline = tcpHandles();
    const { accepted, client } = await pair();
    const seen = new Promise<string | undefined>((resolve) => {
      client.once('error', (e: NodeJS.ErrnoException) => resolve(e.code));
      client.once('close', () => resolve(undefined));
    });
    resetSocket(accepted);
    expect(await seen).toBe('ECONNRESET');
    client.destroy();
    expect(await handlesBackTo(baseline)).toBe(baseline);
  });

  it('closes a connection the peer has just half-closed (a bare resetAndDestroy leaves its handle open for good)', async () => {
    const baseline = tcpHandles();
    const { accepted, client } = await pair();
    const ended = new Promise((resolve) => accepted.once('end', resolve));
    client.end();
    await ended;
    // Node has ended the accepted side on the peer's FIN; its shutdown is still in flight.
    expect(accepted.writableEnded).toBe(true);
    resetSocket(accepted);
    await new Promise((resolve) => client.once('close', resolve));
    expect(await handlesBackTo(baseline)).toBe(baseline);
  });
});
