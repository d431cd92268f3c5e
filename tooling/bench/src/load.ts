import { percentile } from './stats.js';

export interface LoadResult {
  calls: number;
  wallMs: number;
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Client CPU (user + system) per call, in microseconds. */
  cpuUsPerCall: number;
}

/** Runs `calls` calls of `fn`, `concurrency` at a time, timing each one. */
export async function runLoad(
  calls: number,
  concurrency: number,
  fn: (index: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies = new Float64Array(calls);
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const lane = async () => {
    for (;;) {
      const index = next++;
      if (index >= calls) return;
      const t0 = performance.now();
      await fn(index);
      latencies[index] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, lane));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    calls,
    wallMs,
    callsPerSecond: (calls / wallMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuUsPerCall: (cpu.user + cpu.system) / calls,
  };
}
