import { type ErrorDetails, ModelStreamError } from './model-stream-error.js';

export type TimeoutPhase = 'connect' | 'headers' | 'idle' | 'deadline' | 'wait';

interface MayHaveRun {
  /** True when the request may already be running upstream: sending it again could pay twice. */
  mayHaveRun?: boolean;
}

/** The connection failed or was dropped. */
export class ConnectionError extends ModelStreamError {
  readonly mayHaveRun: boolean;
  constructor(message: string, details: ErrorDetails & MayHaveRun = {}) {
    super(message, details);
    this.mayHaveRun = details.mayHaveRun ?? false;
  }
}

/** A phase ran out of time: connect, headers, an idle gap in a stream, the call's deadline, or a wait. */
export class TimeoutError extends ModelStreamError {
  readonly phase: TimeoutPhase;
  readonly mayHaveRun: boolean;
  constructor(message: string, details: ErrorDetails & MayHaveRun & { phase: TimeoutPhase }) {
    super(message, details);
    this.phase = details.phase;
    this.mayHaveRun = details.mayHaveRun ?? false;
  }
}

/** The caller's AbortSignal fired. `jobCancelled` tells whether the job it concerns was cancelled upstream. */
export class AbortedError extends ModelStreamError {
  readonly jobCancelled: boolean;
  constructor(message: string, details: ErrorDetails & { jobCancelled?: boolean } = {}) {
    super(message, details);
    this.jobCancelled = details.jobCancelled ?? false;
  }
}
