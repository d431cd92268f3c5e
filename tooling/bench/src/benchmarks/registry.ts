import { actionColdStart } from './action-cold-start.js';
import { backgroundJobs } from './background-jobs.js';
import { clientOverhead } from './client-overhead.js';
import { diffBudget } from './diff-budget.js';
import { longContext } from './long-context.js';
import { n8nNode } from './n8n-node.js';
import { streaming } from './streaming.js';
import type { Benchmark } from './types.js';

/** Every benchmark, in report order. */
export const benchmarks: readonly Benchmark[] = [
  clientOverhead(1),
  clientOverhead(64),
  streaming,
  longContext,
  backgroundJobs,
  actionColdStart,
  n8nNode,
  diffBudget,
];

export function findBenchmark(id: string): Benchmark {
  const found = benchmarks.find((b) => b.id === id);
  if (!found) throw new Error(`no benchmark "${id}"; known: ${benchmarks.map((b) => b.id).join(', ')}`);
  return found;
}
