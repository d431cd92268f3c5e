import { randomBytes } from 'node:crypto';
import type { Answer } from '../answer.js';
import { apiError } from '../api-error.js';
import type { FaultOf } from '../faults.js';
import { chatCompletion } from '../shapes.js';
import { streamAnswer } from '../stream-answer.js';
import { type ApiContext, reply, replyError } from './context.js';

/** A gateway that repeats the request's Authorization header back, everywhere it can. */
export async function echoKey(ctx: ApiContext, fault: FaultOf<'echo-key'>): Promise<void> {
  const echoed = ctx.req.headers.authorization ?? '';
  try {
    ctx.res.setHeader('x-request-id', echoed);
  } catch {
    // A header value Node will not send stays out of the header; the body still carries it.
  }
  if ((fault.where ?? 'error') === 'error') {
    const status = fault.status ?? 401;
    const answer = apiError(
      status,
      `The gateway refused the credentials ${echoed}.`,
      `invalid_request_error: ${echoed}`,
      echoed,
      `authorization=${echoed}`,
    );
    replyError(ctx, answer);
    return;
  }
  const text = `[ModelStream emulator] echoing the Authorization header: ${echoed}`;
  const answer: Answer = {
    prefix: text,
    fillerBytes: 0,
    suffix: '',
    reasoning: '',
    finishReason: 'stop',
    usage: { promptTokens: 1, answerTokens: 1, reasoningTokens: 0 },
  };
  const body = ctx.body as Record<string, unknown> | undefined;
  const model = typeof body?.model === 'string' ? body.model : 'gpt-5.4-pro';
  const created = Math.floor(Date.now() / 1000);
  const jobs = ctx.state.profile.jobs;
  if (ctx.method === 'GET' && jobs && ctx.path.startsWith(`${jobs.base}/`)) {
    const id = ctx.path.slice(jobs.base.length + 1);
    const completion = chatCompletion(id, created, { model }, answer);
    const view =
      jobs.shape === 'chat-completion'
        ? { ...completion, status: 'completed', background: true, echo: { authorization: echoed } }
        : {
            id,
            object: 'response',
            created_at: created,
            status: 'completed',
            background: true,
            model,
            output: [
              {
                id: `msg_${id}`,
                type: 'message',
                status: 'completed',
                role: 'assistant',
                content: [{ type: 'output_text', text, annotations: [] }],
              },
            ],
            output_text: text,
            usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
            error: null,
            metadata: { authorization: echoed },
          };
    reply(ctx, 200, view);
    return;
  }
  const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
  if (body?.stream === true && body.background !== true) {
    await streamAnswer(ctx.res, {
      id,
      created,
      model,
      answer,
      delayMs: 0,
      deltaBytes: 16,
      ...(ctx.encoding ? { encoding: ctx.encoding } : {}),
      signal: ctx.state.closing.signal,
    });
    return;
  }
  reply(ctx, 200, { ...chatCompletion(id, created, { model }, answer), echo: { authorization: echoed } });
}
