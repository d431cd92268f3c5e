import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_KEY } from '../contenders/http-clients.js';
import { loadN8nNode } from '../contenders/n8n-context.js';
import { repoRoot } from '../package-root.js';
import { round3 } from '../stats.js';
import type { Benchmark, Metrics } from './types.js';

const ITEMS = 1_000;
const CONCURRENCY = 20;
const LATENCY_MS = 200;
const n8nDir = () => join(repoRoot(), 'packages/n8n-nodes');

/** Benchmark 6: the n8n node's item loop, 1,000 items, 200 ms per answer, 20 at a time. */
export const n8nNode: Benchmark = {
  id: 'n8n-node',
  title: '6. n8n node',
  measures:
    `The built node (\`packages/n8n-nodes/dist\`) driven through \`execute()\` with a minimal IExecuteFunctions (axios ` +
    `as n8n's HTTP client, the credential's own \`authenticate\`): ${ITEMS.toLocaleString('en')} items (scaled by ` +
    `BENCH_SCALE), Concurrency ${CONCURRENCY}, plain calls (Background off), the emulator answering after ${LATENCY_MS} ms. ` +
    `The ideal is items ÷ ${CONCURRENCY} × ${LATENCY_MS} ms (10 s at full size).`,
  contenders: [
    { name: 'node', note: 'ModelStream node `execute()`, Options: Concurrency 20, Background off' },
  ],
  reference: 'node',
  primary: 'wallS',
  metrics: [
    { key: 'wallS', label: 'wall time', unit: 's', better: 'lower' },
    { key: 'idealS', label: 'ideal', unit: 's', better: 'lower' },
    { key: 'overIdeal', label: 'wall / ideal', unit: '×', better: 'lower' },
    { key: 'cpuMsPerItem', label: 'client CPU per item', unit: 'ms', better: 'lower' },
  ],
  emulator: { latencyMs: LATENCY_MS },
  rounds: 3,
  unavailable: () =>
    existsSync(join(n8nDir(), 'dist/nodes/ModelStream/ModelStream.node.js'))
      ? undefined
      : 'packages/n8n-nodes/dist is not built yet (`pnpm build`).',
  async runRound({ url, scale }): Promise<Metrics> {
    const items = Math.max(CONCURRENCY, Math.round(ITEMS * scale));
    const n8n = loadN8nNode(n8nDir());
    const context = n8n.makeContext({
      items,
      credentials: { apiKey: BENCH_KEY, baseUrl: url },
      parameters: {
        operation: 'message',
        prompt: 'Say hi',
        options: { concurrency: CONCURRENCY, background: false },
      },
      perItem: (i) => ({ prompt: `Item ${i}: say hi` }),
    });
    const warmUp = n8n.makeContext({
      items: 2,
      credentials: { apiKey: BENCH_KEY, baseUrl: url },
      parameters: { operation: 'message', prompt: 'Warm up', options: { background: false } },
    });
    await n8n.execute(warmUp);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const [out] = await n8n.execute(context);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const answered = (out ?? []).filter((item) => typeof item.json.text === 'string').length;
    if (answered !== items) throw new Error(`${answered} of ${items} items answered`);
    const idealS = (items / CONCURRENCY) * (LATENCY_MS / 1000);
    return {
      items,
      wallS: wallMs / 1000,
      idealS,
      overIdeal: wallMs / 1000 / idealS,
      cpuMsPerItem: (cpu.user + cpu.system) / 1000 / items,
    };
  },
  aims: () => [],
  notes(m) {
    const node = m.node!;
    return [
      `${node.items} items took ${round3(node.wallS!)} s against an ideal of ${round3(node.idealS!)} s ` +
        `(${round3((node.overIdeal! - 1) * 100)}% over). No aim was set; reported as measured.`,
    ];
  },
};
