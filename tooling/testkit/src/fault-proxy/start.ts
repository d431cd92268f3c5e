import { createServer, type Socket } from 'node:net';
import { proxyConnection, type Target } from './connection.js';
import type { ConnectionRecord, RequestRecord } from './records.js';
import { type ConnectionRule, connectionRuleProblem, type ProxyRule, RuleQueue } from './rules.js';

export interface FaultProxyOptions {
  /** The server behind the proxy: `http://127.0.0.1:PORT` (the emulator's `url`), or `{ host, port }`. */
  target: string | URL | Target;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`: point the client here instead of at the target. */
  readonly url: string;
  readonly port: number;
  /** Queues rules for the next matching requests (by method, path prefix and `nth`), each used once. */
  enqueue(...rules: ProxyRule[]): void;
  /** Queues what happens to the next accepted connections, before any request is read. */
  enqueueConnection(...rules: ConnectionRule[]): void;
  /** The rules still waiting. */
  pending(): { requests: ProxyRule[]; connections: ConnectionRule[] };
  /** Every connection since the last clear, with its requests. */
  connections(): ConnectionRecord[];
  /** Every request since the last clear, across connections, in arrival order. */
  requests(): RequestRecord[];
  /**
   * The records of the connections that have closed, forgotten as they are handed over (open ones and
   * the pending rules stay): for a long run that tallies as it goes instead of keeping every record.
   */
  takeClosed(): ConnectionRecord[];
  /** Forgets records and pending rules (open connections stay open). */
  clear(): void;
  /** Stops listening and destroys every connection, stalled ones included. */
  close(): Promise<void>;
}

function targetOf(target: FaultProxyOptions['target']): Target {
  if (typeof target === 'object' && !(target instanceof URL)) return target;
  const url = new URL(String(target));
  if (url.protocol !== 'http:') {
    throw new TypeError(`target: ${JSON.stringify(String(target))} is not allowed; use an http:// URL`);
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
}

/**
 * A raw TCP proxy on 127.0.0.1 in front of an HTTP/1.1 server, for faults no server volunteers: resets
 * and stalls at an exact byte, responses in 1-3 byte writes, a corrupt SSE line, late headers.
 * Each client connection gets its own upstream connection; keep-alive requests are told apart.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = targetOf(options.target);
  const rules = new RuleQueue();
  let connectionRules: ConnectionRule[] = [];
  let records: ConnectionRecord[] = [];
  let nextConnection = 0;
  let nextSeq = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const record: ConnectionRecord = {
      id: ++nextConnection,
      openedAt: Date.now(),
      bytesUp: 0,
      bytesDown: 0,
      requests: [],
      closed: false,
      opaque: false,
    };
    records.push(record);
    proxyConnection({
      client,
      target,
      rules,
      record,
      nextSeq: () => ++nextSeq,
      connectionRule: connectionRules.shift(),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    enqueue: (...list) => rules.enqueue(...list),
    enqueueConnection: (...list) => {
      for (const [i, rule] of list.entries()) {
        const problem = connectionRuleProblem(rule, i);
        if (problem) throw new TypeError(problem);
      }
      connectionRules.push(...list.map((rule) => ({ ...rule })));
    },
    pending: () => ({ requests: rules.pending(), connections: connectionRules.map((r) => ({ ...r })) }),
    connections: () => structuredClone(records),
    requests: () => structuredClone(records.flatMap((c) => c.requests)).sort((a, b) => a.seq - b.seq),
    takeClosed: () => {
      const closed = records.filter((c) => c.closed);
      records = records.filter((c) => !c.closed);
      return closed;
    },
    clear: () => {
      rules.clear();
      connectionRules = [];
      records = [];
      nextConnection = 0;
      nextSeq = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
