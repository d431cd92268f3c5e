import type { Machine } from '../machine.js';
import type { BenchmarkReport } from '../runner/run-benchmark.js';
import { round3 } from '../stats.js';

export interface RunReport {
  machine: Machine;
  startedAt: string;
  durationS: number;
  scale: number;
  emulatorProcess: string;
  benchmarks: BenchmarkReport[];
}

const cell = (value: number | undefined, unit: string) => {
  if (value === undefined || Number.isNaN(value)) return '–';
  const n = round3(value).toLocaleString('en', { maximumFractionDigits: 6 });
  if (unit === '/s') return `${n}/s`;
  return unit ? `${n} ${unit}` : n;
};

function benchmarkSection(b: BenchmarkReport): string[] {
  const lines = [`## ${b.title}`, '', b.measures, ''];
  if (b.skipped) return [...lines, `**Not run:** ${b.skipped}`, '', rerun(b), ''];
  if (b.error) return [...lines, `**Failed:** ${b.error}`, '', rerun(b), ''];
  const primary = b.metrics.find((m) => m.key === b.primary)!;
  const reference = b.contenders.find((c) => c.name === b.reference)?.median[b.primary];
  const showRatio = b.contenders.length > 1 && reference !== undefined;
  const header = [
    'contender',
    ...b.metrics.map((m) => `${m.label}${m.unit && m.unit !== '/s' ? ` (${m.unit})` : ''}`),
  ];
  if (showRatio) header.push(`ratio to ${b.reference} (${primary.label})`);
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
  for (const c of b.contenders) {
    const row = [
      `**${c.name}**`,
      ...b.metrics.map((m) => cell(c.median[m.key], m.unit === '/s' ? '/s' : '')),
    ];
    if (showRatio) row.push(`${round3(c.median[b.primary]! / reference!)}×`);
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push('', ...b.contenders.map((c) => `- **${c.name}**: ${c.note}`), '');
  if (b.aims.length > 0) {
    lines.push('| aim | measured | |', '| --- | --- | --- |');
    for (const a of b.aims) lines.push(`| ${a.aim} | ${a.measured} | ${a.met ? 'met' : '**missed**'} |`);
    lines.push('');
  }
  for (const note of b.notes) lines.push(`${note}`, '');
  lines.push(
    `Medians of ${b.rounds} round(s), contenders alternating (order rotated each round); took ${Math.round(b.durationS)} s.`,
    '',
  );
  lines.push(rerun(b), '');
  return lines;
}

const rerun = (b: BenchmarkReport) => `Rerun: \`BENCH_ONLY=${b.id} pnpm bench\``;

/** BENCHMARKS.md: the machine, then one table per benchmark with its aims. */
export function renderMarkdown(report: RunReport): string {
  const m = report.machine;
  const aims = report.benchmarks.flatMap((b) => b.aims.map((a) => ({ b, a })));
  const missed = aims.filter(({ a }) => !a.met);
  return [
    '# Benchmarks',
    '',
    'Written by `pnpm bench` (tooling/bench). Every comparison below was measured in one run against the emulator on',
    '127.0.0.1, contenders alternating round by round; figures are medians. Raw figures per round are in',
    '[results/latest.json](results/latest.json). How to read them: [README.md](README.md).',
    '',
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, ${m.platform}/${m.arch}, Node ${m.node}`,
    `- Run: ${report.startedAt}, ${Math.round(report.durationS)} s in all, BENCH_SCALE=${report.scale}`,
    `- Emulator: ${report.emulatorProcess}`,
    `- Aims: ${aims.length - missed.length} of ${aims.length} met${missed.length ? ` (missed: ${missed.map(({ b, a }) => `${b.title.split(' ')[0]} ${a.aim}`).join('; ')})` : ''}`,
    '',
    ...report.benchmarks.flatMap(benchmarkSection),
  ].join('\n');
}
