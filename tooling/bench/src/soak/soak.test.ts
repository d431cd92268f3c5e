import { describe, expect, it } from 'vitest';
import { runSoak, SOAK_KEY, type SoakReport, soakFailures } from './run-soak.js';

const CALLS = Number(process.env.SOAK_CALLS ?? '1500');
const seed = process.env.SOAK_SEED ? Number(process.env.SOAK_SEED) : undefined;

// The CI-sized fault soak: 1,500 calls with faults drawn from a seeded PRNG (the seed is printed; replay a
// failure with SOAK_SEED=<seed>). `pnpm soak` runs the same at 10,000 calls.
describe(`the fault soak (${CALLS} calls)`, () => {
  let report: SoakReport;

  // The calls are bounded by count; the timeout only catches a hang (a busy 2-core machine running the
  // whole suite takes about a minute, an idle one about 10 s).
  it('runs every call to an end', { timeout: 300_000 }, async () => {
    report = await runSoak({ calls: CALLS, seed, log: (line) => console.log(line) });
    const total = Object.values(report.outcomes).reduce((a, b) => a + b, 0);
    expect(total).toBe(CALLS);
    console.log(JSON.stringify({ ...report, untyped: report.untyped.length, leaked: report.leaked.length }));
  });

  it('ends every call in a Completion or a typed ModelStreamError', () => {
    expect(report.untyped).toEqual([]);
    expect(Object.keys(report.outcomes).some((k) => k.endsWith(': Completion'))).toBe(true);
  });

  it('met every kind of fault the plan draws, and the client answered each with its typed error', () => {
    const results = Object.keys(report.outcomes).join('\n');
    for (const name of [
      'RateLimitError|ServerError',
      'ConnectionError',
      'TimeoutError',
      'StreamTruncatedError',
      'JobFailedError',
      'AbortedError',
      // A mid-stream `error` event: final, typed, never retried.
      'stream: StreamFailedError',
      // A corrupt stream line (the emulator's, or the fault proxy's): not a shorter answer.
      'stream: InvalidResponseError',
    ]) {
      expect(results).toMatch(new RegExp(name));
    }
    expect(report.faultsPlanned).toBeGreaterThan(CALLS / 4);
  });

  it('faulted the polls and the streams, from the emulator and through the project fault proxy', () => {
    const { emulator, proxy } = report.faults;
    expect(emulator.poll).toBeGreaterThan(CALLS / 50);
    expect(emulator.stream).toBeGreaterThan(CALLS / 50);
    expect(proxy.poll).toBeGreaterThan(CALLS / 100);
    expect(proxy.post).toBeGreaterThan(CALLS / 50);
    // The proxy carried real traffic and applied its rules to POSTs and to polls.
    expect(report.proxy.requests).toBeGreaterThanOrEqual(report.proxy.calls);
    const applied = Object.keys(report.proxy.actions).join('\n');
    for (const name of [
      'post: reset',
      'post: split',
      'post: corrupt',
      'poll: reset',
      'poll: stall',
      'poll: corrupt',
    ])
      expect(applied).toContain(name);
  });

  it('loses no job id: every error after a start carries the job it started', () => {
    // Every background call that came back with its answer went through a job the client knew.
    const answeredJobs = Object.entries(report.outcomes)
      .filter(([k]) => k.startsWith('background') && k.endsWith(': Completion'))
      .reduce((n, [, count]) => n + count, 0);
    expect(answeredJobs).toBeGreaterThan(0);
    expect(report.jobsStarted).toBeGreaterThanOrEqual(answeredJobs);
    expect(report.lostJobIds).toEqual([]);
    expect(report.polledNotRecorded).toEqual([]);
  });

  it('never sends a POST again unless the server answered 429 or 5xx', () => {
    expect(report.doublePosts).toEqual([]);
    expect(report.missingPosts).toEqual([]);
    expect(report.logMismatch).toEqual([]);
    expect(report.postsSeen).toBeGreaterThanOrEqual(CALLS);
  });

  it('has no unhandled rejection or uncaught exception', () => {
    expect(report.unhandledRejections).toBe(0);
    expect(report.uncaughtExceptions).toBe(0);
  });

  it('leaves no socket open', () => {
    expect(report.openSockets).toBe(0);
    expect(report.emulatorOpenConnections).toBe(0);
  });

  it('keeps memory flat from a quarter of the calls to the end', () => {
    expect(report.heapMb).toHaveLength(4);
    expect(report.heapGrowthMb).toBeLessThan(8);
  });

  it('shows the key in no outcome', () => {
    expect(SOAK_KEY.length).toBeGreaterThan(20);
    expect(report.leaked).toEqual([]);
    expect(soakFailures(report, CALLS)).toEqual([]);
  });
});
