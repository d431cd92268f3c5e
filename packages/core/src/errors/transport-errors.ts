import { type ErrorDetails, ModelStreamError } from './model-stream-error.js';

export type TimeoutPhase = 'connect' | 'headers' | 'idle' | 'deadline' | 'wait';

interface MayHaveRun {
  /** True when the request may already be running upstream: sending it again could pay twice. */
  mayHaveRun?: boolean;
  /** The background job this error concerns, when there is one to collect or cancel. */
  jobId?: string | undefined;
}

/** The connection failed or was dropped. */
export class ConnectionError extends ModelStreamError {
  readonly mayHaveRun: boolean;
  readonly jobId: string | undefined;
  constructor(message: string, details: ErrorDetails & MayHaveRun = {}) {
    super(message, details);
    this.mayHaveRun = details.mayHaveRun ?? false;
    this.jobId = details.jobId;
  }
}

/** A phase ran out of time: connect, headers, an idle gap in a stream, the call's deadline, or a wait. */
export class TimeoutError extends ModelStreamError {
  readonly phase: TimeoutPhase;
  readonly mayHaveRun: boolean;
  readonly jobId: string | undefined;
  constructor(message: string, details: ErrorDetails & MayHaveRun & { phase: TimeoutPhase }) {
    super(message, details);
    this.phase = details.phase;
    this.mayHaveRun = details.mayHaveRun ?? false;
    this.jobId = details.jobId;
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends ModelStreamError {
  readonly jobId: string | undefined;
  constructor(message: string, details: ErrorDetails & { jobId?: string | undefined } = {}) {
    super(message, details);
    this.jobId = details.jobId;
  }
}
