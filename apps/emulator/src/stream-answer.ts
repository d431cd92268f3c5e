import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { constants, createGzip } from 'node:zlib';
import { type Answer, answerPieces, splitText } from './answer.js';
import type { FaultOf } from './faults.js';
import { writeWithBackpressure } from './http-io.js';
import { chunkFrame } from './shapes.js';
import { countTokens } from './tokens.js';

export type StreamFault =
  | FaultOf<'truncate-stream'>
  | FaultOf<'stream-error'>
  | FaultOf<'corrupt-stream-line'>;

export interface StreamPlan {
  id: string;
  created: number;
  model: string;
  answer: Answer;
  /** Pause between chunks; 0 sends as fast as the socket takes them. */
  delayMs: number;
  deltaBytes: number;
  /** Cut the stream, end it with an error event, or break one of its lines. */
  fault?: StreamFault;
  /** During a pause between chunks, write `: keep-alive` each time the stream has been silent this long. */
  keepAliveMs?: number;
  /** Compress the whole stream (the `gzip-unasked` fault). */
  encoding?: 'gzip';
  signal: AbortSignal;
}

/** Batches chunks into writes of about this size when there is no pause between them. */
const WRITE_BATCH = 64 * 1024;
const KEEP_ALIVE = ': keep-alive\n\n';

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

/** The answer text carried by the first `sent` chunks (the role chunk and reasoning deltas carry none). */
function contentSoFar(plan: StreamPlan, sent: number): string {
  let left = sent - 1;
  if (plan.answer.summary) left -= [...splitText(plan.answer.summary, plan.deltaBytes)].length;
  let text = '';
  for (const piece of answerPieces(plan.answer, plan.deltaBytes)) {
    if (left-- <= 0) break;
    text += piece;
  }
  return text;
}

/** What a gateway sends when the model fails mid-answer: maybe the usage so far, then an error event. */
function errorEvents(plan: StreamPlan, fault: FaultOf<'stream-error'>, sent: number): string {
  let out = '';
  if (fault.usage) {
    const usage = { ...plan.answer.usage, answerTokens: countTokens(contentSoFar(plan, sent)) };
    out += chunkFrame(plan.id, plan.created, plan.model).usage({ ...plan.answer, usage });
  }
  const error = {
    message: fault.message ?? 'The upstream model failed in the middle of the answer (emulated fault).',
    type: fault.type ?? 'server_error',
    param: null,
    code: fault.code ?? 'stream_error',
  };
  return `${out}data: ${JSON.stringify({ error })}\n\n`;
}

/** The same event cut in the middle of its JSON: a `data:` line no parser can read. */
function corrupt(event: string): string {
  const body = event.slice('data: '.length, -2);
  return `data: ${body.slice(0, Math.max(1, Math.floor(body.length / 2)))}\n\n`;
}

/** Waits between two chunks, writing keep-alive comments into a long silence when asked to. */
async function pause(plan: StreamPlan, out: Writable): Promise<void> {
  let left = plan.delayMs;
  const every = plan.keepAliveMs;
  while (every !== undefined && every > 0 && left > every) {
    await sleep(every, undefined, { signal: plan.signal });
    await writeWithBackpressure(out, KEEP_ALIVE);
    left -= every;
  }
  await sleep(left, undefined, { signal: plan.signal });
}

function gzipInto(res: ServerResponse): Writable {
  // A sync flush on every write, so a paced stream reaches the client chunk by chunk.
  const gzip = createGzip({ flush: constants.Z_SYNC_FLUSH });
  gzip.pipe(res);
  res.on('close', () => gzip.destroy());
  return gzip;
}

/** Streams an answer as OpenAI-style SSE, honouring backpressure and the configured pace. */
export async function streamAnswer(res: ServerResponse, plan: StreamPlan): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...(plan.encoding ? { 'content-encoding': plan.encoding } : {}),
  });
  res.flushHeaders();
  const out: Writable = plan.encoding === 'gzip' ? gzipInto(res) : res;
  const { fault } = plan;
  const stopAfter =
    fault?.kind === 'truncate-stream' || fault?.kind === 'stream-error' ? fault.afterChunks : undefined;
  let sent = 0;
  let batch = '';
  try {
    for (let event of events(plan)) {
      if (res.destroyed || plan.signal.aborted) return;
      if (stopAfter !== undefined && sent >= stopAfter) break;
      sent++;
      if (fault?.kind === 'corrupt-stream-line' && sent === fault.atChunk) event = corrupt(event);
      if (plan.delayMs > 0) {
        if (sent > 1) await pause(plan, out);
        await writeWithBackpressure(out, event);
      } else {
        batch += event;
        if (batch.length >= WRITE_BATCH) {
          await writeWithBackpressure(out, batch);
          batch = '';
        }
      }
    }
    if (fault?.kind === 'stream-error' && !res.destroyed) batch += errorEvents(plan, fault, sent);
    if (batch) await writeWithBackpressure(out, batch);
    out.end();
  } catch (error) {
    if (!plan.signal.aborted) throw error;
    res.destroy();
  }
}
