import { marker, tag } from '../contenders/markers.js';

export type CallKind = 'plain' | 'stream' | 'background' | 'background-abort';

/** A fault as the emulator's `enqueue` takes it. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number; retryAfterMs?: number; match?: Match }
  | { kind: 'drop'; when: 'before-body' | 'after-body'; match?: Match }
  | { kind: 'slow-headers'; ms: number; match?: Match }
  | { kind: 'truncate-stream'; afterChunks: number; match?: Match }
  | { kind: 'malformed-json'; match?: Match }
  | { kind: 'job-fails'; message?: string; match?: Match }
  | { kind: 'job-cancelled'; match?: Match };

interface Match {
  method?: 'GET' | 'POST';
  path?: string;
}

export interface PlannedCall {
  index: number;
  tag: string;
  kind: CallKind;
  prompt: string;
  /** Faults enqueued just before the call starts (another call in flight may take them: that is fine). */
  faults: Fault[];
  /** A tight deadline for some plain calls, so slow headers sometimes trip it. */
  deadlineMs?: number;
  /** For `background-abort`: abort the wait after this long, asking for the job to be cancelled. */
  abortAfterMs?: number;
}

const POST = { method: 'POST', path: '/v1/chat/completions' } as const;
const POLL = { method: 'GET' } as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A fault aimed at the POST that asks for an answer, drawn for the kind of call. */
function postFault(random: () => number, kind: CallKind): Fault | undefined {
  const r = random();
  if (r < 0.1)
    return { kind: 'status', status: 429, retryAfterMs: 5 + Math.floor(random() * 30), match: POST };
  if (r < 0.11) return { kind: 'status', status: 429, retryAfter: 1, match: POST };
  if (r < 0.2) return { kind: 'status', status: pick(random, [500, 502, 503, 504]), match: POST };
  if (r < 0.25) return { kind: 'drop', when: 'before-body', match: POST };
  if (r < 0.3) return { kind: 'drop', when: 'after-body', match: POST };
  if (r < 0.37) return { kind: 'slow-headers', ms: 50 + Math.floor(random() * 550), match: POST };
  if (r < 0.39) return { kind: 'malformed-json', match: POST };
  if (kind === 'stream' && r < 0.47)
    return { kind: 'truncate-stream', afterChunks: 1 + Math.floor(random() * 4), match: POST };
  if (kind.startsWith('background') && r < 0.45)
    return { kind: 'job-fails', message: 'the model gave up', match: POST };
  if (kind.startsWith('background') && r < 0.5) return { kind: 'job-cancelled', match: POST };
  return undefined;
}

/** A fault aimed at a poll of a background job: GETs are safe to repeat, so these should heal. */
function pollFault(random: () => number): Fault | undefined {
  const r = random();
  if (r < 0.06) return { kind: 'status', status: 429, retryAfterMs: 10, match: POLL };
  if (r < 0.12) return { kind: 'status', status: 503, match: POLL };
  if (r < 0.16) return { kind: 'drop', when: 'after-body', match: POLL };
  return undefined;
}

/** The whole soak, drawn from one seeded PRNG so a failure can be replayed from its seed. */
export function planSoak(calls: number, random: () => number, runId: string): PlannedCall[] {
  return Array.from({ length: calls }, (_, index) => {
    const r = random();
    const kind: CallKind =
      r < 0.5 ? 'plain' : r < 0.78 ? 'stream' : r < 0.95 ? 'background' : 'background-abort';
    const id = `${runId}-${index}`;
    const faults: Fault[] = [];
    const first = postFault(random, kind);
    if (first) faults.push(first);
    // Now and then a second retryable answer in a row, to use up more than one retry.
    if (first?.kind === 'status' && random() < 0.25)
      faults.push({ kind: 'status', status: 503, match: POST });
    if (kind.startsWith('background')) {
      const poll = pollFault(random);
      if (poll) faults.push(poll);
    }
    const answerBytes =
      kind === 'stream' ? 200 + Math.floor(random() * 4_000) : 20 + Math.floor(random() * 400);
    const jobMs = 20 + Math.floor(random() * 200);
    const markers = [
      marker('answer-bytes', answerBytes),
      kind.startsWith('background') ? marker('job-ms', jobMs) : '',
    ];
    return {
      index,
      tag: id,
      kind,
      prompt: `${tag(id)} ${markers.join(' ')} Soak call ${index}.`,
      faults,
      ...(kind === 'plain' && random() < 0.3 ? { deadlineMs: 300 } : {}),
      ...(kind === 'background-abort' ? { abortAfterMs: 10 + Math.floor(random() * 150) } : {}),
    };
  });
}
