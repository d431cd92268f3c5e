import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../runner/run-benchmark.js';
import { benchmarks } from './registry.js';

// A quick smoke run of every benchmark at a tiny size (one round, each contender in this process rather
// than a fresh worker): every contender produces finite figures and every aim is computed. The figures
// themselves mean nothing at this size; `pnpm bench` measures.
const SCALE = 0.01;

describe('each benchmark, at a tiny size', () => {
  it.each(benchmarks.map((b) => [b.id, b] as const))(
    '%s runs end to end',
    // A hang guard, not a speed claim: a few seconds alone, many times that on a loaded 2-core machine.
    { timeout: 240_000 },
    async (_id, benchmark) => {
      const report = await runBenchmark(benchmark, {
        scale: SCALE,
        rounds: 1,
        runRound: (input) => benchmark.runRound(input),
      });
      expect(report.skipped, 'a package this benchmark drives is not built').toBeUndefined();
      expect(report.error).toBeUndefined();
      expect(report.contenders.map((c) => c.name)).toEqual(benchmark.contenders.map((c) => c.name));
      for (const contender of report.contenders) {
        for (const metric of benchmark.metrics) {
          expect(Number.isFinite(contender.median[metric.key]), `${contender.name} ${metric.key}`).toBe(true);
        }
      }
      for (const aim of report.aims) expect(aim.measured).not.toMatch(/NaN|undefined/);
    },
  );
});
