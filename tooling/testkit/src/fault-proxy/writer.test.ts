import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ClientWriter } from './writer.js';

/** A socket that records each write; `full` makes every write report a full buffer until drained. */
function fakeSocket() {
  const socket = Object.assign(new EventEmitter(), {
    writes: [] as string[],
    destroyed: false,
    ended: false,
    resets: 0,
    full: false,
    write(bytes: Buffer) {
      socket.writes.push(bytes.toString('latin1'));
      return !socket.full;
    },
    end() {
      socket.ended = true;
    },
    resetAndDestroy() {
      socket.resets++;
      socket.destroyed = true;
    },
  });
  return socket;
}

async function settle(writer: ClientWriter, socket: ReturnType<typeof fakeSocket>) {
  writer.end();
  for (let i = 0; i < 1000 && !socket.ended && !socket.destroyed; i++) await new Promise(setImmediate);
}

describe('ClientWriter', () => {
  it('trickles in writes of 1, 2, 3, 1, 2, 3... bytes, in order, counting each', async () => {
    const socket = fakeSocket();
    let counted = 0;
    const writer = new ClientWriter(
      socket as unknown as Socket,
      () => undefined,
      () => undefined,
    );
    writer.push([{ op: 'trickle', bytes: Buffer.from('abcdefghij'), maxBytes: 3, pauseMs: 0 }], (n) => {
      counted += n;
    });
    writer.push([{ op: 'write', bytes: Buffer.from('XYZ') }], (n) => {
      counted += n;
    });
    await settle(writer, socket);
    expect(socket.writes).toEqual(['a', 'bc', 'def', 'g', 'hi', 'j', 'XYZ']);
    expect(counted).toBe(13);
    expect(socket.ended).toBe(true);
  });

  it('resets with resetAndDestroy and drops what follows; a stall drops it and does not end', async () => {
    const reset = fakeSocket();
    const stops: string[] = [];
    const writer = new ClientWriter(
      reset as unknown as Socket,
      () => undefined,
      (how) => stops.push(how),
    );
    writer.push(
      [{ op: 'write', bytes: Buffer.from('ab') }, { op: 'reset' }, { op: 'write', bytes: Buffer.from('cd') }],
      () => undefined,
    );
    await settle(writer, reset);
    expect(reset.writes).toEqual(['ab']);
    expect(reset.resets).toBe(1);

    const stalled = fakeSocket();
    const other = new ClientWriter(
      stalled as unknown as Socket,
      () => undefined,
      (how) => stops.push(how),
    );
    other.push([{ op: 'write', bytes: Buffer.from('ab') }, { op: 'stall' }], () => undefined);
    other.push([{ op: 'write', bytes: Buffer.from('cd') }], () => undefined);
    await settle(other, stalled);
    expect(stalled.writes).toEqual(['ab']);
    expect(stalled.ended).toBe(false);
    expect(stops).toEqual(['reset', 'stall']);
  });

  it('waits for drain when the socket is full, and asks upstream to pause past the high-water mark', async () => {
    const socket = fakeSocket();
    socket.full = true;
    const pressure: boolean[] = [];
    const writer = new ClientWriter(
      socket as unknown as Socket,
      (high) => pressure.push(high),
      () => undefined,
    );
    writer.push(
      [
        { op: 'write', bytes: Buffer.alloc(2 * 1024 * 1024) },
        { op: 'write', bytes: Buffer.from('next') },
      ],
      () => undefined,
    );
    await new Promise(setImmediate);
    expect(socket.writes).toHaveLength(1);
    expect(pressure).toEqual([true]);
    socket.full = false;
    socket.emit('drain');
    await settle(writer, socket);
    expect(socket.writes).toHaveLength(2);
    expect(pressure.at(-1)).toBe(false);
  });
});
