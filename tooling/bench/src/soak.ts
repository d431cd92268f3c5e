import { runSoak, soakFailures } from './soak/run-soak.js';

// `pnpm soak`: the fault soak at full size (SOAK_CALLS, default 10,000; SOAK_SEED replays a run).
const calls = Number(process.env.SOAK_CALLS ?? '10000');
const seed = process.env.SOAK_SEED ? Number(process.env.SOAK_SEED) : undefined;
const report = await runSoak({ calls, seed, concurrency: 64, log: console.log });
const { untyped, leaked, ...summary } = report;
console.log(JSON.stringify({ ...summary, untyped: untyped.length, leaked: leaked.length }, null, 2));
const failures = soakFailures(report, calls);
if (failures.length > 0) {
  console.error(`soak FAILED (seed ${report.seed}):\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log(`soak passed: ${calls} calls in ${report.durationS.toFixed(1)} s, seed ${report.seed}`);
}
