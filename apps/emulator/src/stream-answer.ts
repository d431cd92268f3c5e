import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Answer, answerPieces, splitText } from './answer.js';
import { writeWithBackpressure } from './http-io.js';
import { chunkFrame } from './shapes.js';

export interface StreamPlan {
  id: string;
  created: number;
  model: string;
  answer: Answer;
  /** Pause between chunks; 0 sends as fast as the socket takes them. */
  delayMs: number;
  deltaBytes: number;
  /** End the stream after this many chunks, without a finish reason or `[DONE]`. */
  truncateAfter?: number;
  signal: AbortSignal;
}

/** Batches chunks into writes of about this size when there is no pause between them. */
const WRITE_BATCH = 64 * 1024;

function* events(plan: StreamPlan): Generator<string> {
  const frame = chunkFrame(plan.id, plan.created, plan.model);
  yield frame.role();
  if (plan.answer.summary) {
    for (const piece of splitText(plan.answer.summary, plan.deltaBytes)) {
      yield frame.delta('reasoning_content', piece);
    }
  }
  // The filler repeats, so most deltas of a big answer are the same few events: serialise each once.
  const seen = new Map<string, string>();
  for (const piece of answerPieces(plan.answer, plan.deltaBytes)) {
    let event = seen.get(piece);
    if (event === undefined) {
      event = frame.delta('content', piece);
      if (seen.size < 4096) seen.set(piece, event);
    }
    yield event;
  }
  yield frame.finish(plan.answer.finishReason);
  yield frame.usage(plan.answer);
  yield 'data: [DONE]\n\n';
}

/** Streams an answer as OpenAI-style SSE, honouring backpressure and the configured pace. */
export async function streamAnswer(res: ServerResponse, plan: StreamPlan): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  let sent = 0;
  let batch = '';
  try {
    for (const event of events(plan)) {
      if (res.destroyed || plan.signal.aborted) return;
      if (plan.truncateAfter !== undefined && sent >= plan.truncateAfter) break;
      sent++;
      if (plan.delayMs > 0) {
        if (sent > 1) await sleep(plan.delayMs, undefined, { signal: plan.signal });
        await writeWithBackpressure(res, event);
      } else {
        batch += event;
        if (batch.length >= WRITE_BATCH) {
          await writeWithBackpressure(res, batch);
          batch = '';
        }
      }
    }
    if (batch) await writeWithBackpressure(res, batch);
    res.end();
  } catch (error) {
    if (!plan.signal.aborted) throw error;
    res.destroy();
  }
}
