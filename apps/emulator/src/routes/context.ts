import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError, type ErrorAnswer } from '../api-error.js';
import { sendError, sendJson } from '../http-io.js';
import type { RecordedRequest } from '../request-log.js';
import type { EmulatorState } from '../state.js';

/** One API request on its way through the gateway front to a route. */
export interface ApiContext {
  readonly state: EmulatorState;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body; undefined when there was none. */
  readonly body: unknown;
  readonly record: RecordedRequest;
  /** Set by the `gzip-unasked` fault: every body of this answer goes out gzip-compressed. */
  readonly encoding: 'gzip' | undefined;
}

/** Handles the request when it is this route's, and answers undefined when it is not. */
export type ApiRoute = (ctx: ApiContext) => Promise<void> | undefined;

export function reply(ctx: ApiContext, status: number, body: unknown): void {
  sendJson(ctx.res, status, body, {}, ctx.encoding);
}

export function replyError(ctx: ApiContext, answer: ErrorAnswer): void {
  sendError(ctx.res, answer, ctx.encoding);
}

export function notFound(ctx: ApiContext): Promise<void> {
  replyError(
    ctx,
    apiError(404, `No route for ${ctx.method} ${ctx.path}.`, 'invalid_request_error', 'unknown_url'),
  );
  return Promise.resolve();
}
