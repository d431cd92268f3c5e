// The emulator in its own process, so its CPU and memory never count against the client being measured.
// Plain JavaScript on purpose: vitest's workers and the built benchmarks fork the same file.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';

// The emulator waits on one shared AbortSignal per in-flight delay; under a soak's concurrency that is
// many listeners at once by design, not a leak, so Node's "possible leak" warning is turned off here.
EventEmitter.defaultMaxListeners = 0;

// The emulator's own log keeps neither prompts nor headers, and it does not expose its server. To count
// the POSTs of each logical call and the connections left open, this process wraps http.createServer
// before the emulator is loaded, and watches the server it creates: the `x-soak-tag` header a test adds,
// the status sent (or the drop), and every connection until it closes.
const servers = [];
const createServer = http.createServer;
http.createServer = (...args) => {
  const server = createServer(...args);
  servers.push(server);
  return server;
};
syncBuiltinESMExports();
const { startEmulator } = await import('@modelstream-kit/emulator');
const options = JSON.parse(process.argv[2] ?? '{}');
const emulator = await startEmulator({ port: 0, quiet: true, ...options });
http.createServer = createServer;
syncBuiltinESMExports();
const server = servers.at(-1);

let seen = [];
let openConnections = 0;
if (server) {
  server.on('connection', (socket) => {
    openConnections++;
    socket.once('close', () => openConnections--);
  });
  server.on('request', (req, res) => {
    const entry = {
      method: req.method,
      path: (req.url ?? '/').split('?')[0],
      tag: req.headers['x-soak-tag'],
    };
    if (entry.path.startsWith('/_emulator/')) return;
    seen.push(entry);
    // Two facts per answer: the status line, once its headers were written to the connection, and
    // whether the whole answer was (`finish`). A stream the client leaves after its headers has the
    // first and not the second; the emulator's own log records the status line alone.
    res.once('finish', () => {
      entry.status = res.statusCode;
      entry.finished = true;
    });
    res.once('close', () => {
      if (entry.status === undefined && res.headersSent) entry.status = res.statusCode;
      if (!entry.finished) entry.dropped = true;
    });
  });
}

const ops = {
  /** The emulator's own log (seq, method, path, status, fault, receivedAt). */
  requests: () => emulator.requests(),
  /** What this process saw of the same requests, with the tag header. */
  observed: () => (server ? seen : null),
  /** Both views and the open connections, taken in one turn of this process's event loop. */
  snapshot: () => ({
    requests: emulator.requests(),
    observed: server ? seen : null,
    openConnections: server ? openConnections : null,
  }),
  requestCount: () => emulator.requests().length,
  configure: (settings) => emulator.configure(settings),
  enqueue: (faults) => emulator.enqueue(...faults),
  pendingFaults: () => emulator.pendingFaults(),
  reset: () => {
    seen = [];
    emulator.reset();
  },
  usage: () => ({ cpu: process.cpuUsage(), memory: process.memoryUsage() }),
  stats: () => ({ openConnections: server ? openConnections : null }),
};

process.on('message', async (message) => {
  const { id, op, args = [] } = message;
  if (op === 'close') {
    await emulator.close();
    process.send({ id, ok: true }, () => process.exit(0));
    return;
  }
  try {
    const result = await ops[op](...args);
    process.send({ id, ok: true, result: result ?? null });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, url: emulator.url, pid: process.pid });
