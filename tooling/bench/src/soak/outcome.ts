import { inspect } from 'node:util';
import { type Completion, ModelStreamError } from '@modelstream-kit/core';

/** What is kept of each call: small, so keeping 10,000 of them does not look like a leak. */
export interface Outcome {
  index: number;
  tag: string;
  kind: string;
  /** `Completion`, or the error's class name. */
  result: string;
  /** True when the error is a ModelStreamError (typed); completions count as typed. */
  typed: boolean;
  /** True when the key appeared anywhere in the serialised outcome. */
  leaked: boolean;
  /** For errors that say so: the request may be running upstream. */
  mayHaveRun?: boolean;
  /** For a TimeoutError: where the time ran out (`deadline` is the call's own budget). */
  phase?: string;
  /** The job id the error carries (`err.jobId`), if any. */
  jobId?: string;
  /** The job id the caller was handed (`onJob`, or what `start()` returned), if one was. */
  knownJobId?: string;
  message?: string;
}

function looksLikeCompletion(value: unknown): value is Completion {
  const c = value as Completion;
  return !!c && typeof c.text === 'string' && typeof c.id === 'string' && typeof c.usage === 'object';
}

/** Every way a person or a log could see a value: JSON, util.inspect, String, the stack. */
export function serialise(value: unknown): string {
  const parts = [inspect(value, { depth: 8, showHidden: true })];
  try {
    parts.push(
      JSON.stringify(value, value instanceof Error ? Object.getOwnPropertyNames(value) : undefined) ?? '',
    );
  } catch (error) {
    parts.push(`unserialisable: ${String(error)}`);
  }
  if (value instanceof Error) parts.push(String(value), value.stack ?? '', JSON.stringify(value));
  return parts.join('\n');
}

export function outcomeOf(
  call: { index: number; tag: string; kind: string },
  settled: PromiseSettledResult<unknown>,
  secret: string,
  knownJobId?: string,
): Outcome {
  const value = settled.status === 'fulfilled' ? settled.value : settled.reason;
  const leaked = serialise(value).includes(secret);
  const known = knownJobId ? { knownJobId } : {};
  if (settled.status === 'fulfilled') {
    const ok = looksLikeCompletion(value);
    return {
      ...call,
      ...known,
      result: ok ? 'Completion' : `not a Completion: ${typeof value}`,
      typed: ok,
      leaked,
    };
  }
  const error = settled.reason as Error & { mayHaveRun?: unknown; phase?: unknown; jobId?: unknown };
  const typed = error instanceof ModelStreamError;
  return {
    ...call,
    ...known,
    result: error?.constructor?.name ?? typeof error,
    typed,
    leaked,
    ...(typeof error?.mayHaveRun === 'boolean' ? { mayHaveRun: error.mayHaveRun } : {}),
    ...(typeof error?.phase === 'string' ? { phase: error.phase } : {}),
    ...(typeof error?.jobId === 'string' ? { jobId: error.jobId } : {}),
    ...(typed ? {} : { message: String(error?.message ?? error).slice(0, 300) }),
  };
}
