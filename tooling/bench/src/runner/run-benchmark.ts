import type { Aim, Benchmark, Metrics, RoundInput } from '../benchmarks/types.js';
import { type ForkedEmulator, forkEmulator } from '../emulator/forked-emulator.js';
import { median } from '../stats.js';

export interface BenchmarkReport {
  id: string;
  title: string;
  measures: string;
  reference: string;
  primary: string;
  metrics: Benchmark['metrics'];
  contenders: { name: string; note: string; median: Metrics; rounds: Metrics[] }[];
  aims: Aim[];
  notes: string[];
  rounds: number;
  ranAt: string;
  durationS: number;
  skipped?: string;
  error?: string;
}

export type RoundRunner = (input: RoundInput) => Promise<Metrics>;

/** Contender order for a round: rotated each round so no one always goes first. */
export function orderFor<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

export function mediansOf(rounds: readonly Metrics[]): Metrics {
  const keys = new Set(rounds.flatMap((r) => Object.keys(r)));
  return Object.fromEntries(
    [...keys].map((k) => [k, median(rounds.map((r) => r[k]).filter((v) => v !== undefined))]),
  );
}

/**
 * Runs every contender of a benchmark, round by round, against one emulator in its own process, and
 * takes medians. `runRound` is the worker fork for real runs, the round function itself for smoke tests.
 */
export async function runBenchmark(
  benchmark: Benchmark,
  options: { scale: number; rounds: number; runRound: RoundRunner; log?: (line: string) => void },
): Promise<BenchmarkReport> {
  const started = performance.now();
  const base = {
    id: benchmark.id,
    title: benchmark.title,
    measures: benchmark.measures,
    reference: benchmark.reference,
    primary: benchmark.primary,
    metrics: benchmark.metrics,
    rounds: options.rounds,
    ranAt: new Date().toISOString(),
  };
  const done = (rest: Partial<BenchmarkReport>): BenchmarkReport => ({
    contenders: [],
    aims: [],
    notes: [],
    ...base,
    ...rest,
    durationS: (performance.now() - started) / 1000,
  });
  const reason = benchmark.unavailable?.();
  if (reason) return done({ skipped: reason });

  const results = new Map<string, Metrics[]>(benchmark.contenders.map((c) => [c.name, []]));
  let emulator: ForkedEmulator;
  try {
    emulator = await forkEmulator(benchmark.emulator);
  } catch (error) {
    return done({ error: error instanceof Error ? error.message : String(error) });
  }
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const contender of orderFor(benchmark.contenders, round)) {
        await emulator.reset();
        const input: RoundInput = {
          benchmark: benchmark.id,
          contender: contender.name,
          url: emulator.url,
          scale: options.scale,
          round,
        };
        let metrics = await options.runRound(input);
        if (benchmark.afterRound) metrics = await benchmark.afterRound(emulator, input, metrics);
        results.get(contender.name)!.push(metrics);
        options.log?.(
          `  ${benchmark.id} round ${round + 1}/${options.rounds} ${contender.name}: ${brief(benchmark, metrics)}`,
        );
      }
    }
  } catch (error) {
    return done({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    await emulator.close();
  }
  const medians = Object.fromEntries([...results].map(([name, rounds]) => [name, mediansOf(rounds)]));
  return done({
    contenders: benchmark.contenders.map((c) => ({
      ...c,
      median: medians[c.name]!,
      rounds: results.get(c.name)!,
    })),
    aims: benchmark.aims(medians),
    notes: benchmark.notes?.(medians, Object.fromEntries(results)) ?? [],
  });
}

function brief(benchmark: Benchmark, metrics: Metrics): string {
  return benchmark.metrics
    .filter((m) => metrics[m.key] !== undefined)
    .map(
      (m) => `${m.label} ${Number(metrics[m.key]!.toPrecision(4))}${m.unit === '/s' ? '/s' : ` ${m.unit}`}`,
    )
    .join(', ');
}
