import type { ModelStreamError } from '../errors/model-stream-error.js';
import { AbortedError, ConnectionError, TimeoutError } from '../errors/transport-errors.js';
import type { HttpMethod } from '../http/transport.js';
import { TransportFailure } from '../http/transport.js';
import { redactSecrets } from '../redact.js';

const MAY_HAVE_RUN =
  'It may already be running upstream, so it was not sent again (that could pay twice). ' +
  'For long answers use background mode, whose job can be collected later.';

export interface FailureContext {
  method: HttpMethod;
  path: string;
  userAborted: boolean;
  /** Whether the request had been handed to the transport (it may have reached the server). */
  sent: boolean;
  deadlineHit: boolean;
  deadlineMs: number;
  jobId?: string | undefined;
  secrets: readonly (string | undefined)[];
}

/**
 * Turns what the transport threw into a typed error. A POST that may have reached the server is never
 * retryable; a GET (polling, retrieving) always is.
 */
export function failureToError(failure: unknown, ctx: FailureContext): ModelStreamError {
  const isPost = ctx.method === 'POST';
  const mayHaveRun = isPost && ctx.sent;
  const where = `${ctx.method} ${ctx.path}`;
  const jobId = ctx.jobId;
  if (ctx.userAborted) {
    const tail = mayHaveRun
      ? ' It had been sent: if it reached ModelStream it may still run upstream and be billed.'
      : '';
    return new AbortedError(`${where} was aborted.${tail}`, { jobId });
  }
  if (ctx.deadlineHit) {
    return new TimeoutError(
      `${where} did not finish within the call's deadline of ${Math.round(ctx.deadlineMs / 1000)} s.${mayHaveRun ? ` ${MAY_HAVE_RUN}` : ''}`,
      { phase: 'deadline', mayHaveRun, retryable: false, jobId },
    );
  }
  const kind = failure instanceof TransportFailure ? failure.kind : 'dropped';
  const detail = redactSecrets(failure instanceof Error ? failure.message : String(failure), ctx.secrets);
  const cause = detail ? { cause: detail } : {};
  switch (kind) {
    case 'connect':
      return new ConnectionError(`Could not connect for ${where}: ${detail}`, { retryable: true, ...cause });
    case 'connect-timeout':
      return new TimeoutError(`Connecting for ${where} timed out.`, {
        phase: 'connect',
        retryable: true,
        ...cause,
      });
    case 'headers-timeout':
      return new TimeoutError(
        `No response headers for ${where} in time.${isPost ? ` ${MAY_HAVE_RUN}` : ''}`,
        {
          phase: 'headers',
          mayHaveRun: isPost,
          retryable: !isPost,
          jobId,
          ...cause,
        },
      );
    case 'body-timeout':
      return new TimeoutError(
        `The response to ${where} went silent for too long.${isPost ? ` ${MAY_HAVE_RUN}` : ''}`,
        {
          phase: 'idle',
          mayHaveRun: isPost,
          retryable: !isPost,
          jobId,
          ...cause,
        },
      );
    case 'aborted':
      return new AbortedError(`${where} was aborted.`, { jobId, ...cause });
    default:
      return new ConnectionError(
        `The connection dropped during ${where}${detail ? ` (${detail})` : ''}.${isPost ? ` ${MAY_HAVE_RUN}` : ''}`,
        { mayHaveRun: isPost, retryable: !isPost, jobId },
      );
  }
}
