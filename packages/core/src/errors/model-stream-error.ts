export interface ErrorDetails {
  status?: number;
  code?: string;
  type?: string;
  param?: string;
  requestId?: string;
  retryable?: boolean;
  /** The background job this error concerns: it was started, so it can be collected or cancelled. */
  jobId?: string | undefined;
  cause?: unknown;
}

/**
 * Base of every error the kit throws. Carries ModelStream's error fields and whether trying again can
 * help. Messages are built by the kit and scrubbed of secrets; nothing here holds the request's headers.
 */
export class ModelStreamError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly type: string | undefined;
  readonly param: string | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  /** Set on every error that follows a job's start: collect the job by this id instead of asking again. */
  readonly jobId: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.type = details.type;
    this.param = details.param;
    this.requestId = details.requestId;
    this.retryable = details.retryable ?? false;
    this.jobId = details.jobId;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined && key !== 'cause') out[key] = value;
    }
    return out;
  }
}
