import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError } from '../api-error.js';
import { checkAuth } from '../auth.js';
import { BodyTooLargeError, readBody, sendError } from '../http-io.js';
import type { RecordedRequest } from '../request-log.js';
import type { EmulatorState } from '../state.js';
import { chatCompletionsRoute } from './chat-completions.js';
import { type ApiContext, type ApiRoute, notFound, replyError } from './context.js';
import { answerFault, isAnswering } from './fault-answers.js';
import { jobRoutes } from './jobs.js';
import { modelsRoute } from './models.js';

const ROUTES: readonly ApiRoute[] = [chatCompletionsRoute, jobRoutes, modelsRoute];

function logWhenClosed(
  state: EmulatorState,
  res: ServerResponse,
  record: RecordedRequest,
  method: string,
  path: string,
): void {
  const startedAt = performance.now();
  // 'close' also covers a client that left mid-stream; a dropped request never sent headers.
  res.on('close', () => {
    if (res.headersSent) record.status = res.statusCode;
    if (state.quiet) return;
    const flags = [record.model, record.stream && 'stream', record.background && 'background', record.fault]
      .filter(Boolean)
      .join(' ');
    const status = res.headersSent ? res.statusCode : 'dropped';
    state.log(`${method} ${path} ${status} ${Math.round(performance.now() - startedAt)}ms ${flags}`.trim());
  });
}

/** What a front such as a CDN adds: its headers, and an idle timeout that cuts a silent connection. */
function applyFront(state: EmulatorState, req: IncomingMessage, res: ServerResponse): void {
  const { profile } = state;
  for (const [name, value] of Object.entries(profile.headers)) res.setHeader(name, value);
  // The socket's own timer restarts on every byte read or written, as a CDN's idle timer does.
  if (profile.idleCut) res.setTimeout(state.profileSetting.idleCutMs, () => req.socket.destroy());
}

/**
 * The gateway in front of the API routes: logs the request, applies the request's fault, reads the body,
 * checks the key, then hands the request to the first route that takes it.
 */
export async function handleApi(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
): Promise<void> {
  const record = state.requestLog.add({
    method,
    path,
    receivedAt: Date.now(),
    hasKey: typeof req.headers.authorization === 'string' && req.headers.authorization.trim() !== '',
  });
  logWhenClosed(state, res, record, method, path);
  applyFront(state, req, res);
  const fault = state.faults.take('request', method, path);
  if (fault) record.fault = fault.kind;
  if (fault?.kind === 'drop' && fault.when === 'before-body') {
    req.socket.destroy();
    return;
  }
  let text: string;
  try {
    text = await readBody(req, state.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      res.setHeader('connection', 'close');
      sendError(res, apiError(413, error.message, 'invalid_request_error', 'request_too_large'));
      return;
    }
    throw error;
  }
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      if (fault?.kind === 'drop') return void req.socket.destroy();
      sendError(
        res,
        apiError(400, 'The request body is not valid JSON.', 'invalid_request_error', 'invalid_json'),
      );
      return;
    }
  }
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.model === 'string') record.model = b.model;
    if (typeof b.stream === 'boolean') record.stream = b.stream;
    if (typeof b.background === 'boolean') record.background = b.background;
  }
  if (fault?.kind === 'drop') {
    // The body was read (and logged) but no answer comes: the client cannot know whether it ran.
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'slow-headers') await state.wait(fault.ms);
  await state.wait(state.config.latencyMs);
  const ctx: ApiContext = {
    state,
    req,
    res,
    method,
    path,
    body,
    record,
    encoding: fault?.kind === 'gzip-unasked' ? 'gzip' : undefined,
  };
  if (isAnswering(fault)) return answerFault(ctx, fault);
  const auth = checkAuth(req.headers.authorization);
  if (auth.refusal) return replyError(ctx, auth.refusal);
  for (const route of ROUTES) {
    const handled = route(ctx);
    if (handled) return handled;
  }
  return notFound(ctx);
}
