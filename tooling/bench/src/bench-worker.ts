import { findBenchmark } from './benchmarks/registry.js';
import type { RoundInput } from './benchmarks/types.js';

// One contender's round in a process of its own; the orchestrator forks this file once per round.
process.once('message', async (input: RoundInput) => {
  try {
    const metrics = await findBenchmark(input.benchmark).runRound(input);
    process.send?.({ ok: true, metrics }, () => process.exit(0));
  } catch (error) {
    process.send?.(
      { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      () => process.exit(1),
    );
  }
});
