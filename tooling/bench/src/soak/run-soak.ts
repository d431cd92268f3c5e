import { Socket } from 'node:net';
import {
  type ClientOptions,
  createClient,
  type JobLedger,
  type LedgerUpdate,
  type ModelStreamClient,
  type Transport,
} from '@modelstream-kit/core';
import { closeDefaultAgent, createUndiciTransport, timerClock } from '@modelstream-kit/core/node';
import { type FaultProxy, startFaultProxy } from '@modelstream-kit/testkit';
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
  type LostJob,
  lostJobIds,
  missingPosts,
  type PostViolation,
  polledJobIds,
  tally,
  unsentByDeadline,
} from './checks.js';
import { type Outcome, outcomeOf } from './outcome.js';
import { countPlannedFaults, type PlannedCall, type PlannedFaults, planSoak } from './plan.js';

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
  /** The plan's faults by where they are aimed (emulator or fault proxy; POST or poll) and what they are. */
  faults: PlannedFaults;
  /** Calls sent through the project's fault proxy, the requests it saw and the rules it applied. */
  proxy: { calls: number; requests: number; actions: Record<string, number> };
  /** Background jobs whose id the client knew (its ledger, `onJob` or `start()`). */
  jobsStarted: number;
  /** Calls with a known job id that ended in an error not carrying it: must be empty. */
  lostJobIds: LostJob[];
  /** Job ids the client polled or cancelled on the wire that its ledger never recorded: must be empty. */
  polledNotRecorded: string[];
  /** Sockets (TCPSocketWrap) still open in this process after closing the client's Agent. */
  openSockets: number;
  /** When sockets are left open: their ports and state (`local->remote`), naming the proxy's or the client's. */
  openSocketDetails?: string[];
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

/**
 * The client's own job ledger, kept small: which call (the tag at the start of its prompt) started
 * which background job. It is the record the lost-id check trusts, apart from what the calls returned.
 */
class SoakLedger implements JobLedger {
  readonly tagOfJob = new Map<string, string>();
  put(entry: LedgerUpdate): void {
    // The entry of a job's start: a background job, queued or running, with its prompt's digest.
    const starting = entry.status === 'queued' || entry.status === 'in_progress';
    if (entry.delivery !== 'background' || !starting || !entry.prompt) return;
    const tag = TAG.exec(entry.prompt.preview)?.[1];
    if (tag) this.tagOfJob.set(entry.id, tag);
  }
}

function clientFor(url: string, ledger: JobLedger): ModelStreamClient {
  const options: ClientOptions = {
    transport: taggingTransport(createUndiciTransport()),
    clock: timerClock,
    apiKey: SOAK_KEY,
    baseUrl: url,
    ledger,
    maxRetries: 3,
    backoff: { baseMs: 5, maxMs: 30 },
    // A poll that hangs past `pollMs` is cut and polled again (the plan's hung polls take 3 s).
    timeouts: { connectMs: 2_000, headersMs: 400, idleMs: 2_000, deadlineMs: 10_000, pollMs: 1_000 },
    poll: { initialMs: 20, factor: 1.5, maxMs: 150 },
  };
  return createClient(options);
}

/** Runs one call; `known` hears the job id as soon as the client hands it over. */
async function runCall(
  client: ModelStreamClient,
  call: PlannedCall,
  known: (jobId: string) => void,
): Promise<unknown> {
  const onJob = (job: { id: string }) => known(job.id);
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
      // Both ways in: `complete({ background })` and `run()`, each handing the id to `onJob`.
      if (call.index % 2 === 0) return client.complete({ prompt: call.prompt, background: true }, { onJob });
      return client.run({ prompt: call.prompt, background: true }, { onJob }).then((result) => {
        if (result.status !== 'completed') throw new Error(`run() without within came back ${result.status}`);
        return result.completion;
      });
    case 'background-abort': {
      const job = await client.start({ prompt: call.prompt });
      known(job.id);
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

/** For a report that finds sockets open: each one's ports and state, to tell whose it is. */
function describeOpenSockets(): string[] {
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles
    .filter((h): h is Socket => h instanceof Socket)
    .map(
      (s) =>
        `${s.localPort ?? '?'}->${s.remotePort ?? '?'} destroyed=${s.destroyed} pending=${s.pending} ` +
        `readyState=${s.readyState} bytesRead=${s.bytesRead} bytesWritten=${s.bytesWritten}`,
    );
}

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
  if (open > 0) lastOpenSockets = describeOpenSockets();
  return open;
}
let lastOpenSockets: string[] = [];

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
  // The project's own fault proxy (tooling/testkit) in this process, in front of the emulator's.
  let proxy: FaultProxy | undefined;
  // What the proxy did, tallied as connections close, so its records do not pile up over 10,000 calls.
  const proxyActions: Record<string, number> = {};
  let proxyRequests = 0;
  const tallyProxy = (connections: ReturnType<FaultProxy['connections']>) => {
    for (const r of connections.flatMap((c) => c.requests)) {
      const name = `${r.method === 'GET' ? 'poll' : 'post'}: ${r.action ?? 'untouched'}`;
      proxyActions[name] = (proxyActions[name] ?? 0) + 1;
      proxyRequests++;
    }
  };
  let proxyPort = 0;
  const ledger = new SoakLedger();
  const outcomes: Outcome[] = [];
  const heap: number[] = [];
  const checkpoints = [0.25, 0.5, 0.75].map((f) => Math.round(options.calls * f));
  let observed: ObservedRequest[] = [];
  let logMismatch: string[] = [];
  let emulatorOpenConnections: number | undefined;
  let sockets = 0;
  try {
    proxy = await startFaultProxy({ target: emulator.url });
    proxyPort = proxy.port;
    const direct = clientFor(emulator.url, ledger);
    const proxied = clientFor(proxy.url, ledger);
    let next = 0;
    const lane = async () => {
      for (;;) {
        const call = plan[next++];
        if (!call) return;
        if (call.faults.length > 0) await emulator.enqueue(...call.faults);
        if (call.proxyRules.length > 0) proxy!.enqueue(...call.proxyRules);
        let knownJobId: string | undefined;
        const client = call.via === 'proxy' ? proxied : direct;
        const settled = await runCall(client, call, (id) => {
          knownJobId = id;
        }).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        );
        outcomes.push(outcomeOf(call, settled, SOAK_KEY, knownJobId));
        if (checkpoints.includes(outcomes.length)) {
          tallyProxy(proxy!.takeClosed());
          collectGarbage();
          heap.push(heapMb());
          log(`soak: ${outcomes.length}/${options.calls} done, heap ${heap.at(-1)!.toFixed(1)} MB`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    await closeDefaultAgent();
    tallyProxy(proxy.connections());
    await proxy.close();
    proxy = undefined;
    // The last heap figure before the emulator's logs (every request of the run) are fetched for the checks.
    collectGarbage();
    heap.push(heapMb());
    log(`soak: ${outcomes.length}/${options.calls} done, heap ${heap.at(-1)!.toFixed(1)} MB`);
    const snapshot = await settledSnapshot(emulator);
    sockets = await socketsAfterClosing();
    if (!snapshot.observed)
      throw new Error('the emulator process could not watch its server, so POSTs cannot be counted per call');
    observed = snapshot.observed;
    logMismatch = compareLogs(snapshot.requests, observed);
    emulatorOpenConnections = snapshot.openConnections ?? undefined;
  } finally {
    await proxy?.close();
    await emulator.close();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
  if (sockets > 0) sockets = await socketsAfterClosing();
  const faults = countPlannedFaults(plan);
  const polled = polledJobIds(observed);
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
    faultsPlanned: faults.total,
    faults,
    proxy: {
      calls: plan.filter((c) => c.via === 'proxy').length,
      requests: proxyRequests,
      actions: Object.fromEntries(Object.entries(proxyActions).sort(([a], [b]) => a.localeCompare(b))),
    },
    jobsStarted: new Set([
      ...ledger.tagOfJob.keys(),
      ...outcomes.flatMap((o) => (o.knownJobId ? [o.knownJobId] : [])),
    ]).size,
    lostJobIds: lostJobIds(outcomes, ledger.tagOfJob),
    polledNotRecorded: [...polled].filter((id) => !ledger.tagOfJob.has(id)),
    openSockets: sockets,
    ...(sockets > 0
      ? { openSocketDetails: [`proxy :${proxyPort}, emulator ${emulator.url}`, ...lastOpenSockets] }
      : {}),

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
  if (report.lostJobIds.length)
    failures.push(
      `${report.lostJobIds.length} calls lost their job id after its start: ${JSON.stringify(report.lostJobIds.slice(0, 3))}`,
    );
  if (report.polledNotRecorded.length)
    failures.push(
      `${report.polledNotRecorded.length} polled jobs missing from the client's ledger: ${report.polledNotRecorded.slice(0, 3).join(', ')}`,
    );
  if (report.missingPosts.length)
    failures.push(`${report.missingPosts.length} calls never reached the emulator`);
  if (report.logMismatch.length)
    failures.push(`the emulator's log and the wire disagree: ${report.logMismatch.join('; ')}`);
  if (report.openSockets)
    failures.push(`${report.openSockets} sockets still open: ${report.openSocketDetails?.join('; ')}`);
  if (report.emulatorOpenConnections)
    failures.push(`the emulator still has ${report.emulatorOpenConnections} open connections`);
  if (report.heapGrowthMb > 8)
    failures.push(`heap grew ${report.heapGrowthMb.toFixed(1)} MB from 25% to 100% of the calls`);
  return failures;
}
