import { clientOverhead } from './client-overhead.js';
import type { Benchmark } from './types.js';

/** Every benchmark, in report order. */
export const benchmarks: readonly Benchmark[] = [clientOverhead(1), clientOverhead(64)];

export function findBenchmark(id: string): Benchmark {
  const found = benchmarks.find((b) => b.id === id);
  if (!found) throw new Error(`no benchmark "${id}"; known: ${benchmarks.map((b) => b.id).join(', ')}`);
  return found;
}
