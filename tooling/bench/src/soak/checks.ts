import type { ObservedRequest } from '../emulator/forked-emulator.js';
import type { Outcome } from './outcome.js';

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export interface PostViolation {
  tag: string;
  posts: number;
  /** What the server answered to each POST but the last (a retry is only fine after 429/5xx). */
  before: (number | 'dropped')[];
}

/**
 * Per logical call (its tag), the POSTs that asked for an answer, in the order the emulator got them:
 * every one but the last must have been answered 429 or 5xx, the only answers after which the client may
 * send the same POST again. A second POST after a drop, a timeout or a 200 is a double POST.
 */
export function doublePosts(
  log: readonly ObservedRequest[],
  completionsPath = '/v1/chat/completions',
): PostViolation[] {
  const byTag = new Map<string, ObservedRequest[]>();
  for (const entry of log) {
    if (entry.method !== 'POST' || entry.path !== completionsPath || !entry.tag) continue;
    const list = byTag.get(entry.tag) ?? [];
    list.push(entry);
    byTag.set(entry.tag, list);
  }
  const violations: PostViolation[] = [];
  for (const [tag, posts] of byTag) {
    const before = posts
      .slice(0, -1)
      .map((p) => (p.dropped || p.status === undefined ? 'dropped' : p.status));
    if (before.some((status) => status === 'dropped' || !RETRYABLE.has(status))) {
      violations.push({ tag, posts: posts.length, before });
    }
  }
  return violations;
}

/**
 * A call that ended on its own deadline may have done so before its POST was written (a 300 ms budget
 * on a busy machine): whether it reached the emulator then depends on the machine's speed, not on the
 * client's rules.
 */
const endedByOwnDeadline = (o: Outcome) => o.result === 'TimeoutError' && o.phase === 'deadline';

/**
 * Calls that the emulator never saw a POST for: every call here is valid, so each must reach it, unless
 * it ran out of its own deadline first (those are counted by `unsentByDeadline`).
 */
export function missingPosts(log: readonly ObservedRequest[], outcomes: readonly Outcome[]): string[] {
  const seen = new Set(log.filter((r) => r.method === 'POST').map((r) => r.tag));
  return outcomes.filter((o) => !seen.has(o.tag) && !endedByOwnDeadline(o)).map((o) => o.tag);
}

/** Calls that ran out of their own deadline before the emulator saw their POST. */
export function unsentByDeadline(log: readonly ObservedRequest[], outcomes: readonly Outcome[]): string[] {
  const seen = new Set(log.filter((r) => r.method === 'POST').map((r) => r.tag));
  return outcomes.filter((o) => !seen.has(o.tag) && endedByOwnDeadline(o)).map((o) => o.tag);
}

type Answered = { method: string; path: string; status?: number | undefined };

/**
 * The emulator's own log against the wire view: per status line sent to the POSTs that ask for an
 * answer, the counts must agree (`none` where no status line went out). Both record the status line, so
 * an answer cut after its headers (a stream the client left) counts as sent in both.
 */
export function compareLogs(
  recorded: readonly Answered[],
  observed: readonly Answered[],
  completionsPath = '/v1/chat/completions',
): string[] {
  const count = (list: readonly Answered[]) => {
    const counts: Record<string, number> = {};
    for (const r of list) {
      if (r.method !== 'POST' || r.path !== completionsPath) continue;
      const key = String(r.status ?? 'none');
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };
  const a = count(recorded);
  const b = count(observed);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => a[k] !== b[k])
    .map((k) => `status ${k}: emulator log ${a[k] ?? 0}, wire ${b[k] ?? 0}`);
}

export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[`${o.kind}: ${o.result}`] = (counts[`${o.kind}: ${o.result}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export interface LostJob {
  tag: string;
  /** The id the client had been told (its ledger, `onJob` or `start()`). */
  jobId: string;
  /** How the call ended. */
  result: string;
  /** The id the error carried instead, if any. */
  errorJobId?: string;
}

/**
 * Calls that had a job id (the client's own ledger recorded it, or `onJob`/`start()` handed it over)
 * and still ended in an error that does not carry it: a started, paid job nobody could collect.
 * `started` maps each job id to the tag of the call that started it.
 */
export function lostJobIds(outcomes: readonly Outcome[], started: ReadonlyMap<string, string>): LostJob[] {
  const idsByTag = new Map<string, Set<string>>();
  const add = (tag: string, id: string) => idsByTag.set(tag, (idsByTag.get(tag) ?? new Set()).add(id));
  for (const [id, tag] of started) add(tag, id);
  for (const o of outcomes) if (o.knownJobId) add(o.tag, o.knownJobId);
  const lost: LostJob[] = [];
  for (const o of outcomes) {
    const ids = idsByTag.get(o.tag);
    if (!ids || o.result === 'Completion') continue;
    if (o.jobId && ids.has(o.jobId)) continue;
    lost.push({
      tag: o.tag,
      jobId: [...ids].join(','),
      result: o.result,
      ...(o.jobId ? { errorJobId: o.jobId } : {}),
    });
  }
  return lost;
}

const JOB_ROUTE = /^\/v1\/responses\/([^/]+)(?:\/cancel)?$/;

/** The job ids the client polled or cancelled, as the emulator saw them on the wire. */
export function polledJobIds(log: readonly ObservedRequest[]): Set<string> {
  const ids = new Set<string>();
  for (const r of log) {
    const id = JOB_ROUTE.exec(r.path)?.[1];
    if (id) ids.add(id);
  }
  return ids;
}
