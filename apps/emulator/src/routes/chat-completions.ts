import { randomBytes } from 'node:crypto';
import { generateAnswer } from '../answer.js';
import { apiError } from '../api-error.js';
import { type ChatRequest, parseChatRequest } from '../chat-request.js';
import type { JobEnding } from '../jobs.js';
import { chatCompletion } from '../shapes.js';
import { type StreamFault, streamAnswer } from '../stream-answer.js';
import { type ApiContext, type ApiRoute, notFound, reply, replyError } from './context.js';
import { jobIdPrefix, jobView } from './jobs.js';

const PATH = '/v1/chat/completions';

/** `POST /v1/chat/completions`: a plain answer, a stream, or a background job, as the profile allows. */
export const chatCompletionsRoute: ApiRoute = (ctx) => {
  if (ctx.path !== PATH) return undefined;
  if (ctx.method !== 'POST') return notFound(ctx);
  const parsed = parseChatRequest(ctx.body);
  if (!parsed.ok) {
    replyError(ctx, parsed.answer);
    return Promise.resolve();
  }
  return answerChat(ctx, parsed.request);
};

async function answerChat(ctx: ApiContext, request: ChatRequest): Promise<void> {
  const { state } = ctx;
  const created = Math.floor(Date.now() / 1000);
  await state.wait(request.markers.delayMs ?? 0);
  if (request.background) {
    switch (state.profile.background) {
      case 'job':
        return startJob(ctx, request);
      case 'refuse':
        return replyError(
          ctx,
          apiError(
            400,
            'background: this gateway does not run background requests; send the request without "background" (background: false).',
            'invalid_request_error',
            'unsupported_parameter',
            'background',
          ),
        );
      case 'ignore':
        // The gateway runs the request as if `background` were not there: the answer comes when it is done.
        await state.wait(request.markers.jobMs ?? state.config.jobDurationMs);
        break;
    }
  }
  const answer = generateAnswer(request);
  const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
  if (!request.stream) {
    reply(ctx, 200, chatCompletion(id, created, request, answer));
    return;
  }
  const fault = state.faults.take('stream', ctx.method, ctx.path) as StreamFault | undefined;
  await streamAnswer(ctx.res, {
    id,
    created,
    model: request.model,
    answer,
    delayMs: state.config.streamDelayMs,
    deltaBytes: Math.max(1, request.markers.deltaBytes ?? state.deltaBytes),
    ...(fault ? { fault } : {}),
    ...(state.profile.keepAliveComments ? { keepAliveMs: state.profileSetting.keepAliveMs } : {}),
    ...(ctx.encoding ? { encoding: ctx.encoding } : {}),
    signal: state.closing.signal,
  });
}

function startJob(ctx: ApiContext, request: ChatRequest): void {
  const { state } = ctx;
  const fault = state.faults.take('job', ctx.method, ctx.path);
  const ending: JobEnding =
    fault?.kind === 'job-fails'
      ? { kind: 'fail', message: fault.message ?? 'The background job failed upstream (emulated fault).' }
      : fault?.kind === 'job-cancelled'
        ? { kind: 'cancel' }
        : { kind: 'answer' };
  const job = state.jobs.create(
    request,
    generateAnswer(request),
    request.markers.jobMs ?? state.config.jobDurationMs,
    ending,
    jobIdPrefix(state),
  );
  reply(ctx, 200, jobView(state, job));
}
