import type { Fault } from '@modelstream-kit/emulator';
import type { ProxyRule } from '@modelstream-kit/testkit';
import { marker, tag } from '../contenders/markers.js';

export type { Fault };

export type CallKind = 'plain' | 'stream' | 'background' | 'background-abort';

/** Where a fault is aimed: the POST that asks for an answer, or a poll of a background job. */
export type FaultTarget = 'post' | 'poll';

export interface PlannedCall {
  index: number;
  tag: string;
  kind: CallKind;
  prompt: string;
  /** Emulator faults enqueued just before the call starts (another call in flight may take them: that is fine). */
  faults: Fault[];
  /** Fault-proxy rules enqueued just before the call starts; the call then goes through the proxy. */
  proxyRules: ProxyRule[];
  /** `proxy`: through the project's fault proxy (tooling/testkit) in front of the emulator. */
  via: 'direct' | 'proxy';
  /** A tight deadline for some plain calls, so slow headers sometimes trip it. */
  deadlineMs?: number;
  /** For `background-abort`: abort the wait after this long, asking for the job to be cancelled. */
  abortAfterMs?: number;
}

const POST = { method: 'POST', path: '/v1/chat/completions' } as const;
const POLL = { method: 'GET', path: '/v1/responses/' } as const;

/** An HTTP date long gone: the client must fall back to its own backoff, not retry at once. */
export const PAST_DATE = 'Thu, 01 Jan 2015 00:00:00 GMT';

/** Longer than the soak client's poll timeout (`timeouts.pollMs`), so such a poll counts as hung. */
export const HUNG_POLL_MS = 3_000;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** A fault aimed at the POST that asks for an answer, drawn for the kind of call. */
function postFault(random: () => number, kind: CallKind): Fault | undefined {
  const r = random();
  if (r < 0.09) return { kind: 'status', status: 429, retryAfterMs: int(random, 5, 34), match: POST };
  if (r < 0.1) return { kind: 'status', status: 429, retryAfter: 1, match: POST };
  if (r < 0.11) return { kind: 'status', status: 429, retryAfter: PAST_DATE, match: POST };
  if (r < 0.2) return { kind: 'status', status: pick(random, [500, 502, 503, 504]), match: POST };
  if (r < 0.25) return { kind: 'drop', when: 'before-body', match: POST };
  if (r < 0.3) return { kind: 'drop', when: 'after-body', match: POST };
  if (r < 0.37) return { kind: 'slow-headers', ms: int(random, 50, 599), match: POST };
  if (r < 0.39) return { kind: 'malformed-json', match: POST };
  if (kind === 'stream') {
    if (r < 0.45) return { kind: 'truncate-stream', afterChunks: int(random, 1, 4), match: POST };
    if (r < 0.52)
      return { kind: 'stream-error', afterChunks: int(random, 1, 5), usage: random() < 0.5, match: POST };
    if (r < 0.57) return { kind: 'corrupt-stream-line', atChunk: int(random, 2, 5), match: POST };
  }
  if (kind.startsWith('background') && r < 0.45)
    return { kind: 'job-fails', message: 'the model gave up', match: POST };
  if (kind.startsWith('background') && r < 0.5) return { kind: 'job-cancelled', match: POST };
  return undefined;
}

/**
 * Faults aimed at the polls of a background job: a poll is a GET, safe to repeat, so each must heal
 * (5xx, 429 with Retry-After, a drop, a hung poll, invalid JSON) and none may cost the job its id.
 */
function pollFaults(random: () => number): Fault[] {
  const r = random();
  if (r < 0.05) return [{ kind: 'status', status: 429, retryAfterMs: 10, match: POLL }];
  if (r < 0.08) return [{ kind: 'status', status: 429, retryAfter: 1, match: POLL }];
  if (r < 0.1) return [{ kind: 'status', status: 429, retryAfter: PAST_DATE, match: POLL }];
  if (r < 0.16) return [{ kind: 'status', status: pick(random, [500, 502, 503, 504]), match: POLL }];
  // Five 503s in a row (issue 10's reproduction): one bad stretch must not end the wait.
  if (r < 0.18)
    return Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503, match: POLL }));
  if (r < 0.22) return [{ kind: 'drop', when: 'after-body', match: POLL }];
  if (r < 0.24) return [{ kind: 'drop', when: 'before-body', match: POLL }];
  if (r < 0.27) return [{ kind: 'slow-headers', ms: HUNG_POLL_MS, match: POLL }];
  if (r < 0.31) return [{ kind: 'malformed-json', match: POLL }];
  return [];
}

/** A fault on the wire, from the project's fault proxy, aimed at the POST of this kind of call. */
function postRule(random: () => number, kind: CallKind): ProxyRule | undefined {
  const r = random();
  if (r < 0.03) return { match: POST, action: 'reset' };
  if (r < 0.06) return { match: POST, action: 'reset', afterBytes: int(random, 1, 80) };
  if (r < 0.09) return { match: POST, action: 'reset', afterBodyBytes: int(random, 1, 200) };
  if (r < 0.11) return { match: POST, action: 'stall', afterBytes: int(random, 0, 80) };
  if (r < 0.15) return { match: POST, action: 'split', maxBytes: int(random, 1, 7) };
  if (r < 0.19) return { match: POST, action: 'delay-headers', ms: int(random, 20, 700) };
  if (r < 0.23)
    return kind === 'stream'
      ? { match: POST, action: 'corrupt', dataLine: int(random, 1, 5) }
      : { match: POST, action: 'corrupt' };
  return undefined;
}

/** A fault on the wire aimed at a poll: a reset, a body cut mid-way, a hung poll, invalid JSON. */
function pollRule(random: () => number): ProxyRule | undefined {
  const r = random();
  if (r < 0.05) return { match: POLL, action: 'reset' };
  if (r < 0.1) return { match: POLL, action: 'reset', afterBytes: int(random, 1, 60) };
  // A body error on a poll: the headers came, the body stops half-way.
  if (r < 0.16) return { match: POLL, action: 'reset', afterBodyBytes: int(random, 1, 60) };
  if (r < 0.2) return { match: POLL, action: 'stall', afterBytes: int(random, 0, 60) };
  if (r < 0.23) return { match: POLL, action: 'delay-headers', ms: HUNG_POLL_MS };
  if (r < 0.29) return { match: POLL, action: 'corrupt' };
  if (r < 0.32) return { match: POLL, action: 'split', maxBytes: int(random, 1, 5) };
  return undefined;
}

/** The whole soak, drawn from one seeded PRNG so a failure can be replayed from its seed. */
export function planSoak(calls: number, random: () => number, runId: string): PlannedCall[] {
  return Array.from({ length: calls }, (_, index) => {
    const r = random();
    const kind: CallKind =
      r < 0.45 ? 'plain' : r < 0.72 ? 'stream' : r < 0.93 ? 'background' : 'background-abort';
    const id = `${runId}-${index}`;
    const faults: Fault[] = [];
    const first = postFault(random, kind);
    if (first) faults.push(first);
    // Now and then a second retryable answer in a row, to use up more than one retry.
    if (first?.kind === 'status' && random() < 0.25)
      faults.push({ kind: 'status', status: 503, match: POST });
    const proxyRules: ProxyRule[] = [];
    const background = kind.startsWith('background');
    if (background) faults.push(...pollFaults(random));
    // The POST's own fault comes from one side only: an emulator fault and a proxy rule on the same
    // answer would hide each other.
    if (!first) {
      const rule = postRule(random, kind);
      if (rule) proxyRules.push(rule);
    }
    if (background) {
      const rule = pollRule(random);
      if (rule) proxyRules.push(rule);
    }
    const via = proxyRules.length > 0 || random() < 0.2 ? 'proxy' : 'direct';
    const answerBytes = kind === 'stream' ? int(random, 200, 4_199) : int(random, 20, 419);
    const jobMs = int(random, 20, 219);
    const markers = [marker('answer-bytes', answerBytes), background ? marker('job-ms', jobMs) : ''];
    return {
      index,
      tag: id,
      kind,
      prompt: `${tag(id)} ${markers.join(' ')} Soak call ${index}.`,
      faults,
      proxyRules,
      via,
      ...(kind === 'plain' && random() < 0.3 ? { deadlineMs: 300 } : {}),
      ...(kind === 'background-abort' ? { abortAfterMs: int(random, 10, 159) } : {}),
    };
  });
}

/** What a plan holds, counted by where each fault is aimed and what it is. */
export interface PlannedFaults {
  total: number;
  emulator: { post: number; poll: number; stream: number };
  proxy: { post: number; poll: number };
  byKind: Record<string, number>;
}

const faultName = (f: Fault): string =>
  f.kind === 'status'
    ? `${f.status}${f.retryAfter === PAST_DATE ? ' retry-after-past' : f.retryAfter !== undefined ? ' retry-after' : f.retryAfterMs !== undefined ? ' retry-after-ms' : ''}`
    : f.kind === 'drop'
      ? `drop ${f.when}`
      : f.kind;

export function countPlannedFaults(plan: readonly PlannedCall[]): PlannedFaults {
  const counts: PlannedFaults = {
    total: 0,
    emulator: { post: 0, poll: 0, stream: 0 },
    proxy: { post: 0, poll: 0 },
    byKind: {},
  };
  const add = (name: string) => {
    counts.total++;
    counts.byKind[name] = (counts.byKind[name] ?? 0) + 1;
  };
  for (const call of plan) {
    for (const f of call.faults) {
      const target: FaultTarget = f.match?.method === 'GET' ? 'poll' : 'post';
      counts.emulator[target]++;
      if (f.kind === 'stream-error' || f.kind === 'corrupt-stream-line' || f.kind === 'truncate-stream')
        counts.emulator.stream++;
      add(`emulator ${target}: ${faultName(f)}`);
    }
    for (const rule of call.proxyRules) {
      const target: FaultTarget = rule.match?.method === 'GET' ? 'poll' : 'post';
      counts.proxy[target]++;
      const at =
        'afterBodyBytes' in rule && rule.afterBodyBytes !== undefined
          ? ' mid-body'
          : 'afterBytes' in rule && rule.afterBytes !== undefined
            ? ' mid-head'
            : '';
      add(`proxy ${target}: ${rule.action}${at}`);
    }
  }
  counts.byKind = Object.fromEntries(Object.entries(counts.byKind).sort(([a], [b]) => a.localeCompare(b)));
  return counts;
}
