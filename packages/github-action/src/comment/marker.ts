import { createHash } from 'node:crypto';

export type MarkerState = 'running' | 'done' | 'failed' | 'cancelled';

/** What the hidden first line of the action's comment records. */
export interface Marker {
  key: string;
  /** The head commit the comment answers. */
  head: string;
  /** Hash of the model, the prompt and the parameters (see requestHash). */
  hash: string;
  state: MarkerState;
  /** The background job or response id, once known: a rerun collects a running job instead of paying again. */
  job?: string | undefined;
  /** `incremental`: the head of the full summary the comment keeps above its "since" section. */
  base?: string | undefined;
}

const PREFIX = '<!-- modelstream-kit ';
const SUFFIX = ' -->';
const STATES: readonly MarkerState[] = ['running', 'done', 'failed', 'cancelled'];

export function renderMarker(marker: Marker): string {
  const json = JSON.stringify({
    v: 1,
    key: marker.key,
    head: marker.head,
    hash: marker.hash,
    state: marker.state,
    ...(marker.job ? { job: marker.job } : {}),
    ...(marker.base ? { base: marker.base } : {}),
  });
  // An HTML comment must not contain "--" sequences that end it early.
  return `${PREFIX}${json.replace(/--/g, '\\u002d\\u002d').replace(/>/g, '\\u003e')}${SUFFIX}`;
}

/**
 * Reads the marker from a comment's FIRST line only: text further down (the model's answer, quoting a
 * pull request that quotes a marker) can never pass for one.
 */
export function parseMarker(body: string | null | undefined): Marker | undefined {
  if (!body?.startsWith(PREFIX)) return undefined;
  const firstLine = body.split('\n', 1)[0]!.trimEnd();
  if (!firstLine.endsWith(SUFFIX)) return undefined;
  try {
    const data = JSON.parse(firstLine.slice(PREFIX.length, -SUFFIX.length)) as Record<string, unknown>;
    const { key, head, hash, state, job, base } = data;
    if (data.v !== 1 || typeof key !== 'string' || typeof head !== 'string' || typeof hash !== 'string') {
      return undefined;
    }
    if (!STATES.includes(state as MarkerState)) return undefined;
    return {
      key,
      head,
      hash,
      state: state as MarkerState,
      job: typeof job === 'string' ? job : undefined,
      ...(typeof base === 'string' ? { base } : {}),
    };
  } catch {
    return undefined;
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * A hash of everything that decides the answer: the model and every parameter sent (the prompt and the
 * system prompt included). Key order does not matter; `stream`/`background` (how the answer is fetched,
 * not what it says) are left out.
 */
export function requestHash(model: string, params: Record<string, unknown>): string {
  const { stream: _stream, background: _background, ...rest } = params;
  return createHash('sha256')
    .update(JSON.stringify(canonical({ model, params: rest })))
    .digest('hex')
    .slice(0, 32);
}

export type RunDecision =
  | { kind: 'call' }
  | { kind: 'skip'; reason: string }
  | { kind: 'resume'; job: string; reason: string };

/** Whether to ask the model, reuse the answer already in the comment, or collect a job still running. */
export function decideRun(
  existing: Marker | undefined,
  current: { head: string; hash: string },
  force: boolean,
): RunDecision {
  if (!existing || force) return { kind: 'call' };
  if (existing.head !== current.head || existing.hash !== current.hash) return { kind: 'call' };
  if (existing.state === 'done') {
    return {
      kind: 'skip',
      reason: 'the comment already answers this head commit with the same prompt and parameters',
    };
  }
  if (existing.state === 'running' && existing.job) {
    return {
      kind: 'resume',
      job: existing.job,
      reason: `background job ${existing.job} for this head and prompt was started by an earlier run`,
    };
  }
  return { kind: 'call' };
}
