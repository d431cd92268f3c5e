import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarks } from './benchmarks/registry.js';
import { describeMachine } from './machine.js';
import { packageRoot } from './package-root.js';
import { type RunReport, renderMarkdown } from './report/markdown.js';
import { runBenchmark } from './runner/run-benchmark.js';
import { runInWorker } from './runner/run-in-worker.js';

// `pnpm bench`: every benchmark, contenders alternating round by round, medians written to BENCHMARKS.md
// and results/latest.json. BENCH_SCALE shrinks the sizes, BENCH_ROUNDS sets the rounds, BENCH_ONLY picks
// benchmarks by id (comma-separated); a partial run replaces just those sections of the last report.
const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0 && scale <= 1))
  throw new Error(`BENCH_SCALE: ${process.env.BENCH_SCALE} is not allowed; use a number in (0, 1]`);
const roundsOverride = process.env.BENCH_ROUNDS ? Number(process.env.BENCH_ROUNDS) : undefined;
if (roundsOverride !== undefined && !(Number.isInteger(roundsOverride) && roundsOverride > 0)) {
  throw new Error(
    `BENCH_ROUNDS: ${process.env.BENCH_ROUNDS} is not allowed; use a whole number of at least 1`,
  );
}
const only = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const selected = benchmarks.filter((b) => !only || only.some((id) => b.id === id || b.id.startsWith(id)));
if (selected.length === 0)
  throw new Error(
    `BENCH_ONLY: ${process.env.BENCH_ONLY} matches no benchmark; use ${benchmarks.map((b) => b.id).join(', ')}`,
  );

const root = packageRoot();
const jsonPath = join(root, 'results/latest.json');
const started = performance.now();
const startedAt = new Date().toISOString();
const machine = describeMachine();
console.log(
  `bench: ${machine.cores} cores, Node ${machine.node}, BENCH_SCALE=${scale}; ${selected.length} benchmark(s)`,
);

const reports = [];
for (const benchmark of selected) {
  console.log(`${benchmark.title}`);
  const rounds = Math.max(1, roundsOverride ?? benchmark.rounds);
  const report = await runBenchmark(benchmark, { scale, rounds, runRound: runInWorker, log: console.log });
  if (report.skipped) console.log(`  not run: ${report.skipped}`);
  if (report.error) console.log(`  failed: ${report.error}`);
  for (const aim of report.aims)
    console.log(`  aim ${aim.aim}: ${aim.measured} ${aim.met ? 'met' : 'MISSED'}`);
  reports.push(report);
}

let all = reports;
if (only && existsSync(jsonPath)) {
  const previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as RunReport;
  const fresh = new Map(reports.map((r) => [r.id, r]));
  const order = benchmarks.map((b) => b.id);
  const merged = [...previous.benchmarks.filter((b) => !fresh.has(b.id) && order.includes(b.id)), ...reports];
  all = merged.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}
const runReport: RunReport = {
  machine,
  startedAt,
  durationS: (performance.now() - started) / 1000,
  scale,
  emulatorProcess:
    'forked into its own Node process (child_process.fork) for every benchmark; each contender round runs in a fresh ' +
    'worker process of its own, so neither the server nor another contender counts against the client measured.',
  benchmarks: all,
};
mkdirSync(join(root, 'results'), { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(runReport, null, 2)}\n`);
writeFileSync(join(root, 'BENCHMARKS.md'), `${renderMarkdown(runReport)}\n`);
console.log(`bench: wrote BENCHMARKS.md and results/latest.json in ${Math.round(runReport.durationS)} s`);
