import type { Completion, Usage } from '../completion.js';
import { type ErrorDetails, ModelStreamError } from './model-stream-error.js';

/** A stream ended before `[DONE]` or a finish reason: what arrived is kept, but it is not the answer. */
export class StreamTruncatedError extends ModelStreamError {
  readonly partialText: string;
  constructor(message: string, details: ErrorDetails & { partialText: string }) {
    super(message, details);
    this.partialText = details.partialText;
  }
}

export type JobEndStatus = 'failed' | 'cancelled';

/** A background job ended as failed or cancelled. */
export class JobFailedError extends ModelStreamError {
  declare readonly jobId: string;
  readonly jobStatus: JobEndStatus;
  constructor(message: string, details: ErrorDetails & { jobId: string; jobStatus: JobEndStatus }) {
    super(message, details);
    this.jobStatus = details.jobStatus;
  }
}

/**
 * The server's answer could not be understood (malformed body, unexpected shape), or a JSON answer was
 * asked for and the text is not JSON. When the answer itself arrived, `completion` keeps it: it was paid for.
 */
export class InvalidResponseError extends ModelStreamError {
  readonly completion: Completion | undefined;
  /** For a stream: the text that arrived before the unreadable part. */
  readonly partialText: string | undefined;
  constructor(
    message: string,
    details: ErrorDetails & { completion?: Completion; partialText?: string } = {},
  ) {
    super(message, details);
    this.completion = details.completion;
    this.partialText = details.partialText;
  }
}

/**
 * The server reported an error in the middle of a stream: the request ran (and may be billed), so this is
 * final, never retried. What arrived is kept: the partial text and the usage seen so far.
 */
export class StreamFailedError extends ModelStreamError {
  readonly partialText: string;
  readonly usage: Usage | undefined;
  constructor(message: string, details: ErrorDetails & { partialText: string; usage?: Usage | undefined }) {
    super(message, { ...details, retryable: false });
    this.partialText = details.partialText;
    this.usage = details.usage;
  }
}
