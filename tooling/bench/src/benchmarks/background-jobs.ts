import { closeDefaultAgent, createNodeClient } from '@modelstream-kit/core/node';
import { BENCH_KEY } from '../contenders/http-clients.js';
import { marker } from '../contenders/markers.js';
import { seededRandom } from '../random.js';
import { round3 } from '../stats.js';
import type { Benchmark, Metrics } from './types.js';

const JOBS = 1_000;

/** Benchmark 4: a thousand background jobs started and waited at once. */
export const backgroundJobs: Benchmark = {
  id: 'background-jobs',
  title: '4. Background jobs',
  measures:
    '1,000 calls (scaled by BENCH_SCALE) with `background: true` started at once through `complete()`, each job finishing ' +
    'at a random time within 1–10 s (the `job-ms` prompt marker, seeded); the client polls with its default backoff ' +
    '(1 s, ×1.5, at most 10 s). Polls are counted in the emulator’s log; CPU is the client process’s own (process.cpuUsage).',
  contenders: [
    { name: 'ours', note: '`complete({ background: true })`: start, then wait with backoff polling' },
  ],
  reference: 'ours',
  primary: 'wallS',
  metrics: [
    { key: 'collected', label: 'collected', unit: '', better: 'higher' },
    { key: 'wallS', label: 'wall time', unit: 's', better: 'lower' },
    { key: 'pollsPerJob', label: 'polls per job', unit: '', better: 'lower' },
    { key: 'cpuMs', label: 'client CPU (all jobs)', unit: 'ms', better: 'lower' },
    { key: 'cpuMsPerJob', label: 'client CPU per job', unit: 'ms', better: 'lower' },
    { key: 'lateMsP50', label: 'collected after job end (p50)', unit: 'ms', better: 'lower' },
  ],
  emulator: {},
  rounds: 3,
  async runRound({ url, scale, round }): Promise<Metrics> {
    const jobs = Math.max(10, Math.round(JOBS * scale));
    const random = seededRandom(7_000 + round);
    // 1–10 s at full size and down to BENCH_SCALE=0.1; only the smoke test's tiny scale shortens them.
    const stretch = Math.min(1, scale * 10);
    const durations = Array.from({ length: jobs }, () => Math.round((1_000 + random() * 9_000) * stretch));
    const client = createNodeClient({ apiKey: BENCH_KEY, baseUrl: url, env: {} });
    try {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const late: number[] = [];
      const results = await Promise.allSettled(
        durations.map(async (ms, i) => {
          const completion = await client.complete({
            prompt: `${marker('job-ms', ms)} job ${i}`,
            background: true,
          });
          late.push(performance.now() - started - ms);
          return completion;
        }),
      );
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const collected = results.filter((r) => r.status === 'fulfilled' && r.value.text.length > 0).length;
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      late.sort((a, b) => a - b);
      return {
        jobs,
        collected,
        wallS: wallMs / 1000,
        cpuMs: (cpu.user + cpu.system) / 1000,
        cpuMsPerJob: (cpu.user + cpu.system) / 1000 / jobs,
        lateMsP50: late[Math.floor(late.length / 2)]!,
        longestJobS: Math.max(...durations) / 1000,
      };
    } finally {
      await closeDefaultAgent();
    }
  },
  async afterRound(emulator, _input, metrics) {
    const log = await emulator.requests();
    const polls = log.filter((r) => r.method === 'GET').length;
    return { ...metrics, polls, pollsPerJob: polls / metrics.jobs! };
  },
  aims(m) {
    const ours = m.ours!;
    return [
      {
        aim: 'every job collected',
        measured: `${ours.collected} of ${ours.jobs}`,
        met: ours.collected === ours.jobs,
      },
    ];
  },
  notes(m) {
    const ours = m.ours!;
    return [
      `The longest job ran ${round3(ours.longestJobS!)} s; everything was collected in ${round3(ours.wallS!)} s, ` +
        `${round3(ours.pollsPerJob!)} polls per job and ${round3(ours.cpuMsPerJob!)} ms of client CPU per job.`,
    ];
  },
};
