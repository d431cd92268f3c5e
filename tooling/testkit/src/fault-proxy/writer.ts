import type { Socket } from 'node:net';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { resetSocket } from './reset-socket.js';
import type { Op } from './shapers.js';

/** Upstream reads pause while this much waits to go to a slow client. */
const HIGH_WATER = 1024 * 1024;

/**
 * Carries out the ops for one client socket strictly in order (a pause or a trickle holds back what
 * follows), counting the bytes that really went out.
 */
export class ClientWriter {
  #queue: { op: Op; counted: (bytes: number) => void }[] = [];
  #queuedBytes = 0;
  #running = false;
  #ending = false;
  /** Set once the connection was reset or stalled: nothing more goes out. */
  stopped: 'reset' | 'stall' | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly onPressure: (high: boolean) => void,
    private readonly onStop: (how: 'reset' | 'stall') => void,
  ) {}

  push(ops: Op[], counted: (bytes: number) => void): void {
    if (this.stopped) return;
    for (const op of ops) {
      this.#queue.push({ op, counted });
      if (op.op === 'write' || op.op === 'trickle') this.#queuedBytes += op.bytes.length;
    }
    if (this.#queuedBytes > HIGH_WATER) this.onPressure(true);
    void this.#run();
  }

  /** Ends the client's side once everything queued went out (not after a reset or a stall). */
  end(): void {
    this.#ending = true;
    void this.#run();
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0 && !this.stopped && !this.socket.destroyed) {
        const { op, counted } = this.#queue.shift()!;
        await this.#do(op, counted);
        if (op.op === 'write' || op.op === 'trickle') {
          this.#queuedBytes -= op.bytes.length;
          if (this.#queuedBytes < HIGH_WATER / 4) this.onPressure(false);
        }
      }
      if (this.#ending && this.#queue.length === 0 && !this.stopped && !this.socket.destroyed)
        this.socket.end();
    } finally {
      this.#running = false;
    }
  }

  async #do(op: Op, counted: (bytes: number) => void): Promise<void> {
    switch (op.op) {
      case 'write':
        await this.#write(op.bytes, counted);
        return;
      case 'trickle': {
        // Sizes 1, 2, ..., maxBytes, 1, 2, ...: every boundary falls somewhere, and the run is repeatable.
        let size = 1;
        // The pause comes before each write, so the last byte is followed at once by what comes next.
        for (let at = 0; at < op.bytes.length && !this.socket.destroyed; ) {
          await (op.pauseMs > 0 ? sleep(op.pauseMs) : nextTurn());
          const piece = op.bytes.subarray(at, at + size);
          await this.#write(piece, counted);
          at += piece.length;
          size = size >= op.maxBytes ? 1 : size + 1;
        }
        return;
      }
      case 'pause':
        await sleep(op.ms);
        return;
      case 'mark':
        op.run();
        return;
      case 'reset':
      case 'stall':
        this.stopped = op.op;
        this.#queue = [];
        this.onStop(op.op);
        if (op.op === 'reset') resetSocket(this.socket);
        return;
    }
  }

  #write(bytes: Buffer, counted: (bytes: number) => void): Promise<void> {
    if (this.socket.destroyed || bytes.length === 0) return Promise.resolve();
    counted(bytes.length);
    if (this.socket.write(bytes)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }
}
