import { type HttpClientName, httpClients } from '../contenders/http-clients.js';
import { runLoad } from '../load.js';
import { round3 } from '../stats.js';
import type { Benchmark, Metrics } from './types.js';

/** 20,000 measured calls per contender at full size: 5 rounds of 4,000. */
const ROUND_CALLS = 4_000;
const ROUNDS = 5;
const PROMPT = 'Say hello in one short sentence.';

/** Benchmark 1: what the client costs per call when the server answers at once. */
export function clientOverhead(concurrency: number): Benchmark {
  return {
    id: `client-overhead-c${concurrency}`,
    title: `1. Client overhead, concurrency ${concurrency}`,
    measures:
      `${(ROUND_CALLS * ROUNDS).toLocaleString('en')} plain calls per contender (${ROUNDS} rounds of ${ROUND_CALLS.toLocaleString('en')}, ` +
      `scaled by BENCH_SCALE) at concurrency ${concurrency}, the emulator answering at once (no latency, short answer). ` +
      'Each round of each contender runs in a fresh process after a warm-up of 5% of its calls; throughput, ' +
      'per-call latency and the client process’s own CPU per call come from that process. Both processes share the ' +
      'machine’s cores, so the throughput is bounded by the emulator; client CPU per call is the overhead itself.',
    contenders: [
      {
        name: 'ours',
        note: '`createNodeClient().complete()`: validation, request body, retries policy, normalised Completion',
      },
      {
        name: 'undici',
        note: 'raw `undici.request` + `body.json()` on its own keep-alive Agent (the floor)',
      },
      { name: 'fetch', note: "Node's global `fetch` + `response.json()`" },
      { name: 'openai', note: '`openai` SDK `chat.completions.create` (defaults), OpenAI `messages` form' },
    ],
    reference: 'undici',
    primary: 'callsPerSecond',
    metrics: [
      { key: 'callsPerSecond', label: 'calls/s', unit: '/s', better: 'higher' },
      { key: 'p50Ms', label: 'p50 latency', unit: 'ms', better: 'lower' },
      { key: 'p99Ms', label: 'p99 latency', unit: 'ms', better: 'lower' },
      { key: 'cpuUsPerCall', label: 'client CPU/call', unit: 'µs', better: 'lower' },
    ],
    emulator: { latencyMs: 0 },
    rounds: ROUNDS,
    async runRound({ contender, url, scale }): Promise<Metrics> {
      const calls = Math.max(50, Math.round(ROUND_CALLS * scale));
      const client = httpClients[contender as HttpClientName](url);
      try {
        await runLoad(Math.max(20, Math.round(calls / 20)), concurrency, () => client.call(PROMPT));
        const result = await runLoad(calls, concurrency, () => client.call(PROMPT));
        return {
          calls: result.calls,
          callsPerSecond: result.callsPerSecond,
          p50Ms: result.p50Ms,
          p99Ms: result.p99Ms,
          cpuUsPerCall: result.cpuUsPerCall,
        };
      } finally {
        await client.close();
      }
    },
    aims(m) {
      const ours = m.ours!;
      const vsUndici = ours.callsPerSecond! / m.undici!.callsPerSecond!;
      const vsOpenai = ours.callsPerSecond! / m.openai!.callsPerSecond!;
      return [
        {
          aim: "≥ 0.9× raw undici's throughput",
          measured: `${round3(vsUndici)}×`,
          met: vsUndici >= 0.9,
        },
        {
          aim: "≥ 1.5× the openai SDK's throughput",
          measured: `${round3(vsOpenai)}×`,
          met: vsOpenai >= 1.5,
        },
      ];
    },
    notes(m) {
      const ours = m.ours!;
      const ref = m.undici!;
      return [
        `Added latency of ours over raw undici: p50 ${round3(ours.p50Ms! - ref.p50Ms!)} ms, p99 ${round3(ours.p99Ms! - ref.p99Ms!)} ms; ` +
          `added client CPU ${round3(ours.cpuUsPerCall! - ref.cpuUsPerCall!)} µs per call. Where it goes: README, “What the profiles showed”.`,
      ];
    },
  };
}
