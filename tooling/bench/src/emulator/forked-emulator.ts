import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';

/** One entry of the emulator's request log, without the body. */
export interface LoggedRequest {
  method: string;
  path: string;
  status?: number;
  /** When the emulator received it (ms since the epoch), when the emulator records it. */
  at?: number;
  /** The `[tag:...]` found at the start of the body, if any. */
  tag?: string;
}

export interface EmulatorOptions {
  latencyMs?: number;
  streamDelayMs?: number;
  jobDurationMs?: number;
  [setting: string]: unknown;
}

export interface ForkedEmulator {
  readonly url: string;
  readonly pid: number;
  requests(): Promise<LoggedRequest[]>;
  requestCount(): Promise<number>;
  enqueue(...faults: unknown[]): Promise<void>;
  configure(settings: Record<string, unknown>): Promise<void>;
  reset(): Promise<void>;
  /** The emulator process's own CPU time and memory. */
  usage(): Promise<{ cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage }>;
  stats(): Promise<Record<string, unknown> | null>;
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
