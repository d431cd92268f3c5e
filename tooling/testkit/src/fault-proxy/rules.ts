/** Which requests a rule applies to; unset fields match anything. */
export interface RuleMatch {
  /** `GET`, `POST`, ... */
  method?: string;
  /** A prefix of the request's path, such as `/v1/responses/`. */
  path?: string;
  /** Act on the nth matching request counted from when the rule was queued. Default 1: the next one. */
  nth?: number;
}

/** What happens to the response of the request a rule applies to. */
export type ProxyAction =
  /** Forward it untouched (a rule that only counts, or holds a place in the queue). */
  | { action: 'pass' }
  /**
   * Send a TCP RST (`socket.resetAndDestroy()`) once `afterBytes` bytes of the response (status line and
   * headers included) or `afterBodyBytes` bytes of its body have gone out. Neither: before any byte.
   */
  | { action: 'reset'; afterBytes?: number; afterBodyBytes?: number }
  /** Stop forwarding at the same points, keeping the connection open: the client waits until it gives up. */
  | { action: 'stall'; afterBytes?: number; afterBodyBytes?: number }
  /** Send the response in writes of 1..`maxBytes` bytes (default 3), `pauseMs` apart (default: one turn of the event loop). */
  | { action: 'split'; maxBytes?: number; pauseMs?: number }
  /**
   * Overwrite the last bytes of one line with `bytes` (default `#`), same length, so framing stays valid:
   * the `dataLine`-th SSE `data:` line (1 = the first), or without `dataLine` the end of the whole body.
   */
  | { action: 'corrupt'; dataLine?: number; bytes?: string }
  /** Hold the response's first byte back for `ms`. */
  | { action: 'delay-headers'; ms: number };

export type ProxyRule = { match?: RuleMatch } & ProxyAction;
export type ProxyActionName = ProxyAction['action'];

/** What happens to the next accepted connection, before any request is read. */
export type ConnectionRule =
  /** RST at once, before a byte either way. */
  | { action: 'reset' }
  /** Accept, read, never connect upstream nor answer. */
  | { action: 'stall' };

const ACTIONS: readonly ProxyActionName[] = ['pass', 'reset', 'stall', 'split', 'corrupt', 'delay-headers'];

const isCount = (v: unknown, min = 0) => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Checks a rule; returns what is wrong with it, in words, naming the field. */
export function ruleProblem(value: unknown, index: number): string | undefined {
  const at = `rules[${index}]`;
  if (!value || typeof value !== 'object') return `${at}: must be an object with an action`;
  const r = value as Record<string, unknown>;
  if (!ACTIONS.includes(r.action as ProxyActionName)) {
    return `${at}.action: ${JSON.stringify(r.action)} is not an action; use ${ACTIONS.join(', ')}`;
  }
  if (r.match !== undefined) {
    const m = r.match as Record<string, unknown> | null;
    if (!m || typeof m !== 'object') return `${at}.match: must be { method?, path?, nth? }`;
    if (m.method !== undefined && typeof m.method !== 'string') return `${at}.match.method: must be a string`;
    if (m.path !== undefined && typeof m.path !== 'string') return `${at}.match.path: must be a string`;
    if (m.nth !== undefined && !isCount(m.nth, 1)) return `${at}.match.nth: must be a whole number >= 1`;
  }
  const counts: Record<string, number> = {
    afterBytes: 0,
    afterBodyBytes: 0,
    maxBytes: 1,
    pauseMs: 0,
    dataLine: 1,
    ms: 0,
  };
  for (const [key, min] of Object.entries(counts)) {
    if (r[key] !== undefined && !isCount(r[key], min))
      return `${at}.${key}: must be a whole number >= ${min}`;
  }
  if (
    (r.action === 'reset' || r.action === 'stall') &&
    r.afterBytes !== undefined &&
    r.afterBodyBytes !== undefined
  ) {
    return `${at}: give afterBytes or afterBodyBytes, not both`;
  }
  if (
    r.action === 'corrupt' &&
    r.bytes !== undefined &&
    !(typeof r.bytes === 'string' && r.bytes.length > 0)
  ) {
    return `${at}.bytes: must be a non-empty string`;
  }
  if (r.action === 'delay-headers' && r.ms === undefined) return `${at}.ms: must be a whole number >= 0`;
  return undefined;
}

export function connectionRuleProblem(value: unknown, index: number): string | undefined {
  const action = (value as { action?: unknown } | null)?.action;
  return action === 'reset' || action === 'stall'
    ? undefined
    : `connectionRules[${index}].action: ${JSON.stringify(action)} is not allowed; use reset or stall`;
}

interface Queued {
  rule: ProxyRule;
  seen: number;
}

/** Rules waiting for their request, in the order queued; each is used once. */
export class RuleQueue {
  #rules: Queued[] = [];

  enqueue(...rules: ProxyRule[]): void {
    for (const [i, rule] of rules.entries()) {
      const problem = ruleProblem(rule, i);
      if (problem) throw new TypeError(problem);
    }
    this.#rules.push(...rules.map((rule) => ({ rule: structuredClone(rule), seen: 0 })));
  }

  pending(): ProxyRule[] {
    return this.#rules.map((q) => structuredClone(q.rule));
  }

  clear(): void {
    this.#rules = [];
  }

  /**
   * The rule for a request just seen. Every matching rule counts it; the first whose turn (`nth`) it is
   * applies and is gone. A rule whose turn comes while an earlier one applies waits for the next match.
   */
  take(method: string, path: string): ProxyRule | undefined {
    let chosen: Queued | undefined;
    for (const queued of this.#rules) {
      const { match } = queued.rule;
      if (match?.method && match.method.toUpperCase() !== method) continue;
      if (match?.path && !path.startsWith(match.path)) continue;
      if (queued.seen + 1 < (match?.nth ?? 1)) {
        queued.seen++;
      } else if (!chosen) {
        chosen = queued;
      }
    }
    if (!chosen) return undefined;
    this.#rules.splice(this.#rules.indexOf(chosen), 1);
    return chosen.rule;
  }
}
