import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { RecordedRequest } from '@modelstream-kit/emulator';
import { packageRoot } from '../package-root.js';

/** A request as the emulator's process saw it on the wire, with the tag header a test sent. */
export interface ObservedRequest {
  method: string;
  path: string;
  /** The `x-soak-tag` header, naming the logical call. */
  tag?: string;
  /** The status line sent (its headers were written before the connection closed); absent when none was. */
  status?: number;
  /** The whole answer was handed to the connection. */
  finished?: boolean;
  /** The connection closed before an answer was finished (a drop, or the client gave up). */
  dropped?: boolean;
}

/** The emulator's log, the wire view and the open connections, all taken at one moment. */
export interface EmulatorSnapshot {
  requests: RecordedRequest[];
  observed: ObservedRequest[] | null;
  openConnections: number | null;
}

export interface EmulatorOptions {
  latencyMs?: number;
  streamDelayMs?: number;
  jobDurationMs?: number;
  deltaBytes?: number;
  maxBodyBytes?: number;
}

export interface ForkedEmulator {
  readonly url: string;
  readonly pid: number;
  /** The emulator's own request log. */
  requests(): Promise<RecordedRequest[]>;
  /** The same requests as the emulator's process saw them, with tags (null if it could not watch). */
  observed(): Promise<ObservedRequest[] | null>;
  /** `requests()`, `observed()` and `stats()` at one moment, so they cannot disagree by timing. */
  snapshot(): Promise<EmulatorSnapshot>;
  requestCount(): Promise<number>;
  enqueue(...faults: unknown[]): Promise<void>;
  configure(settings: Record<string, unknown>): Promise<void>;
  reset(): Promise<void>;
  /** The emulator process's own CPU time and memory. */
  usage(): Promise<{ cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage }>;
  /** Connections to the emulator still open (null if it could not watch). */
  stats(): Promise<{ openConnections: number | null }>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: boolean; result?: unknown; error?: string };

/** Starts the emulator in a child process and talks to it over IPC. */
export async function forkEmulator(options: EmulatorOptions = {}): Promise<ForkedEmulator> {
  const child: ChildProcess = fork(
    join(packageRoot(), 'src/emulator/emulator-child.mjs'),
    [JSON.stringify(options)],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [],
    },
  );
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`emulator exited before it was ready (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (message: { ready?: boolean; url: string; pid: number }) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
  child.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`emulator: ${reply.error}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`emulator exited (code ${code})`));
    pending.clear();
  });
  const call = <T>(op: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, op, args });
    });
  return {
    url: ready.url,
    pid: ready.pid,
    requests: () => call('requests'),
    observed: () => call('observed'),
    snapshot: () => call('snapshot'),
    requestCount: () => call('requestCount'),
    enqueue: (...faults) => call('enqueue', faults),
    configure: (settings) => call('configure', settings),
    reset: () => call('reset'),
    usage: () => call('usage'),
    stats: () => call('stats'),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => undefined);
      await exited;
    },
  };
}
