export { benchmarks, findBenchmark } from './benchmarks/registry.js';
export type { Aim, Benchmark, Contender, MetricSpec, Metrics, RoundInput } from './benchmarks/types.js';
export {
  type EmulatorOptions,
  type ForkedEmulator,
  forkEmulator,
  type ObservedRequest,
} from './emulator/forked-emulator.js';
export { describeMachine, type Machine } from './machine.js';
export { type RunReport, renderMarkdown } from './report/markdown.js';
export { type BenchmarkReport, runBenchmark } from './runner/run-benchmark.js';
export { runSoak, SOAK_KEY, type SoakReport, soakFailures } from './soak/run-soak.js';
