import {
  type ClientOptions,
  createClient,
  type ModelStreamClient,
  type Transport,
} from '@modelstream-kit/core';
import { closeDefaultAgent, createUndiciTransport, timerClock } from '@modelstream-kit/core/node';
import {
  type EmulatorSnapshot,
  type ForkedEmulator,
  forkEmulator,
  type ObservedRequest,
} from '../emulator/forked-emulator.js';
import { collectGarbage } from '../memory.js';
import { seededRandom } from '../random.js';
import {
  compareLogs,
  doublePosts,
  missingPosts,
  type PostViolation,
  tally,
  unsentByDeadline,
} from './checks.js';
import { type Outcome, outcomeOf } from './outcome.js';
import { type PlannedCall, planSoak } from './plan.js';

/** Obviously fake, and long enough to be found if it leaks anywhere. */
export const SOAK_KEY = 'sk-soak-not-a-real-key-7f3a9c';

export interface SoakOptions {
  calls: number;
  concurrency?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seed: number;
  calls: number;
  concurrency: number;
  durationS: number;
  outcomes: Record<string, number>;
  untyped: Outcome[];
  leaked: Outcome[];
  unhandledRejections: number;
  uncaughtExceptions: number;
  doublePosts: PostViolation[];
  missingPosts: string[];
  /** Calls that ran out of their own (tight) deadline before their POST reached the emulator. */
  unsentByDeadline: string[];
  postsSeen: number;
  /** Where the emulator's own log and what its process saw on the wire disagree (should be empty). */
  logMismatch: string[];
  faultsPlanned: number;
  /** Sockets (TCPSocketWrap) still open in this process after closing the client's Agent. */
  openSockets: number;
  /** Heap used after a full GC when 25%, 50%, 75% and 100% of the calls had finished, in MB. */
  heapMb: number[];
  heapGrowthMb: number;
  emulatorOpenConnections?: number | undefined;
}

const TAG = /\[tag:([\w-]+)\]/;

/** The undici transport, plus an `x-soak-tag` header naming the logical call, taken from the prompt. */
function taggingTransport(inner: Transport): Transport {
  return (request) => {
    const tag = request.body === undefined ? undefined : TAG.exec(request.body)?.[1];
    return inner(tag ? { ...request, headers: { ...request.headers, 'x-soak-tag': tag } } : request);
  };
}

function clientFor(url: string): ModelStreamClient {
  const options: ClientOptions = {
    transport: taggingTransport(createUndiciTransport()),
    clock: timerClock,
    apiKey: SOAK_KEY,
    baseUrl: url,
    maxRetries: 3,
    backoff: { baseMs: 5, maxMs: 30 },
    timeouts: { connectMs: 2_000, headersMs: 400, idleMs: 2_000, deadlineMs: 10_000 },
    poll: { initialMs: 20, factor: 1.5, maxMs: 150 },
  };
  return createClient(options);
}

async function runCall(client: ModelStreamClient, call: PlannedCall): Promise<unknown> {
  switch (call.kind) {
    case 'plain':
      return client.complete({ prompt: call.prompt }, call.deadlineMs ? { deadlineMs: call.deadlineMs } : {});
    case 'stream': {
      let completion: unknown;
      for await (const event of client.stream({ prompt: call.prompt })) {
        if (event.type === 'done') completion = event.completion;
      }
      return completion;
    }
    case 'background':
      return client.complete({ prompt: call.prompt, background: true });
    case 'background-abort': {
      const job = await client.start({ prompt: call.prompt });
      return client.wait(job.id, {
        signal: AbortSignal.timeout(call.abortAfterMs ?? 50),
        cancelOnAbort: true,
      });
    }
  }
}

const heapMb = () => process.memoryUsage().heapUsed / (1024 * 1024);

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPWRAP').length;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * The emulator's views once its connections have closed (a client that gave up leaves the emulator
 * finishing an answer for a while): polled a bounded number of times, then taken as they are.
 */
async function settledSnapshot(emulator: ForkedEmulator, tries = 250): Promise<EmulatorSnapshot> {
  let snapshot = await emulator.snapshot();
  for (let i = 0; i < tries && snapshot.openConnections; i++) {
    await tick();
    snapshot = await emulator.snapshot();
  }
  return snapshot;
}

/** This process's sockets, polled a bounded number of times until none is open. */
async function socketsAfterClosing(tries = 250): Promise<number> {
  let open = openSockets();
  for (let i = 0; i < tries && open > 0; i++) {
    await tick();
    open = openSockets();
  }
  return open;
}

/**
 * The fault soak: many calls of every kind through the client, the emulator (in its own process)
 * injecting faults drawn from a seeded PRNG, then the proofs taken from the outcomes and its request log.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const concurrency = options.concurrency ?? 32;
  const log = options.log ?? (() => {});
  log(
    `soak: ${options.calls} calls, concurrency ${concurrency}, seed ${seed} (replay with SOAK_SEED=${seed})`,
  );
  const random = seededRandom(seed);
  const plan = planSoak(options.calls, random, `s${seed}`);

  let unhandledRejections = 0;
  let uncaughtExceptions = 0;
  const onRejection = () => {
    unhandledRejections++;
  };
  const onException = () => {
    uncaughtExceptions++;
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);

  const started = performance.now();
  const emulator: ForkedEmulator = await forkEmulator({ latencyMs: 0, streamDelayMs: 0, jobDurationMs: 100 });
  const outcomes: Outcome[] = [];
  const heap: number[] = [];
  const checkpoints = [0.25, 0.5, 0.75].map((f) => Math.round(options.calls * f));
  let observed: ObservedRequest[] = [];
  let logMismatch: string[] = [];
  let emulatorOpenConnections: number | undefined;
  let sockets = 0;
  try {
    const client = clientFor(emulator.url);
    let next = 0;
    const lane = async () => {
      for (;;) {
        const call = plan[next++];
        if (!call) return;
        if (call.faults.length > 0) await emulator.enqueue(...call.faults);
        const settled = await runCall(client, call).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        );
        outcomes.push(outcomeOf(call, settled, SOAK_KEY));
        if (checkpoints.includes(outcomes.length)) {
          collectGarbage();
          heap.push(heapMb());
          log(`soak: ${outcomes.length}/${options.calls} done, heap ${heap.at(-1)!.toFixed(1)} MB`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    await closeDefaultAgent();
    const snapshot = await settledSnapshot(emulator);
    sockets = await socketsAfterClosing();
    collectGarbage();
    heap.push(heapMb());
    log(`soak: ${outcomes.length}/${options.calls} done, heap ${heap.at(-1)!.toFixed(1)} MB`);
    if (!snapshot.observed)
      throw new Error('the emulator process could not watch its server, so POSTs cannot be counted per call');
    observed = snapshot.observed;
    logMismatch = compareLogs(snapshot.requests, observed);
    emulatorOpenConnections = snapshot.openConnections ?? undefined;
  } finally {
    await emulator.close();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
  if (sockets > 0) sockets = await socketsAfterClosing();
  const report: SoakReport = {
    seed,
    calls: options.calls,
    concurrency,
    durationS: (performance.now() - started) / 1000,
    outcomes: tally(outcomes),
    untyped: outcomes.filter((o) => !o.typed),
    leaked: outcomes.filter((o) => o.leaked),
    unhandledRejections,
    uncaughtExceptions,
    doublePosts: doublePosts(observed),
    missingPosts: missingPosts(observed, outcomes),
    unsentByDeadline: unsentByDeadline(observed, outcomes),
    postsSeen: observed.filter((r) => r.method === 'POST').length,
    logMismatch,
    faultsPlanned: plan.reduce((n, c) => n + c.faults.length, 0),
    openSockets: sockets,
    heapMb: heap,
    heapGrowthMb: (heap.at(-1) ?? 0) - (heap[0] ?? 0),
    emulatorOpenConnections,
  };
  return report;
}

/** The failures of a report, in words; empty when every proof holds. */
export function soakFailures(report: SoakReport, outcomesExpected: number): string[] {
  const total = Object.values(report.outcomes).reduce((a, b) => a + b, 0);
  const failures: string[] = [];
  if (total !== outcomesExpected) failures.push(`${total} outcomes for ${outcomesExpected} calls`);
  if (report.untyped.length)
    failures.push(
      `${report.untyped.length} calls ended untyped: ${JSON.stringify(report.untyped.slice(0, 3))}`,
    );
  if (report.leaked.length) failures.push(`the key appeared in ${report.leaked.length} outcomes`);
  if (report.unhandledRejections) failures.push(`${report.unhandledRejections} unhandled rejections`);
  if (report.uncaughtExceptions) failures.push(`${report.uncaughtExceptions} uncaught exceptions`);
  if (report.doublePosts.length)
    failures.push(
      `${report.doublePosts.length} calls POSTed again after a non-retryable outcome: ${JSON.stringify(report.doublePosts.slice(0, 3))}`,
    );
  if (report.missingPosts.length)
    failures.push(`${report.missingPosts.length} calls never reached the emulator`);
  if (report.logMismatch.length)
    failures.push(`the emulator's log and the wire disagree: ${report.logMismatch.join('; ')}`);
  if (report.openSockets) failures.push(`${report.openSockets} sockets still open`);
  if (report.emulatorOpenConnections)
    failures.push(`the emulator still has ${report.emulatorOpenConnections} open connections`);
  if (report.heapGrowthMb > 8)
    failures.push(`heap grew ${report.heapGrowthMb.toFixed(1)} MB from 25% to 100% of the calls`);
  return failures;
}
