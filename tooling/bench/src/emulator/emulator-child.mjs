// The emulator in its own process, so its CPU and memory never count against the client being measured.
// Plain JavaScript on purpose: vitest's workers and the built benchmarks fork the same file.
import { startEmulator } from '@modelstream-kit/emulator';

const options = JSON.parse(process.argv[2] ?? '{}');
const emulator = await startEmulator({ port: 0, quiet: true, ...options });

const TAG = /\[tag:([\w-]+)\]/;

/** The request log, cut to what a check needs: never the bodies (a 4 MB prompt is not sent back). */
function summary() {
  return emulator.requests().map((r) => {
    const body = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body);
    return {
      method: r.method,
      path: r.path,
      status: r.status,
      at: r.at ?? r.receivedAt ?? r.time,
      tag: TAG.exec(body.slice(0, 4096))?.[1],
    };
  });
}

const ops = {
  requests: () => summary(),
  requestCount: () => emulator.requests().length,
  configure: (settings) => emulator.configure(settings),
  enqueue: (faults) => emulator.enqueue(...faults),
  reset: () => emulator.reset(),
  usage: () => ({ cpu: process.cpuUsage(), memory: process.memoryUsage() }),
  stats: () => (typeof emulator.stats === 'function' ? emulator.stats() : undefined),
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
