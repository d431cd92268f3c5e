import type { FaultOf } from '../faults.js';
import { writeWithBackpressure } from '../http-io.js';
import type { ApiContext } from './context.js';

const PIECE = 64 * 1024;
const PADDING = 'x'.repeat(PIECE);

/** A JSON body of the route's shape with one long string field: head, padding, tail. */
function frame(ctx: ApiContext, status: number): { head: string; tail: string } {
  if (status >= 300) {
    return {
      head: '{"error":{"type":"server_error","code":"upstream_error","param":null,"message":"',
      tail: '"}}',
    };
  }
  const jobs = ctx.state.profile.jobs;
  if (ctx.method === 'GET' && jobs?.shape === 'response' && ctx.path.startsWith(`${jobs.base}/`)) {
    const id = JSON.stringify(ctx.path.slice(jobs.base.length + 1));
    return {
      head: `{"id":${id},"object":"response","status":"completed","background":true,"output_text":"`,
      tail: '","usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}',
    };
  }
  return {
    head: '{"id":"chatcmpl-emulator-huge","object":"chat.completion","created":0,"model":"gpt-5.4-pro","status":"completed","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"',
    tail: '"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}',
  };
}

/**
 * Sends a body of exactly `bytes` bytes, written in pieces as the socket drains (never held in memory):
 * valid JSON when `bytes` leaves room for the frame, else its first `bytes` bytes.
 */
export async function sendHugeBody(ctx: ApiContext, fault: FaultOf<'huge-body'>): Promise<void> {
  const { res } = ctx;
  const status = fault.status ?? 200;
  const { head, tail } = frame(ctx, status);
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(fault.chunked ? {} : { 'content-length': String(fault.bytes) }),
  });
  let left = fault.bytes;
  const send = async (text: string) => {
    const piece = text.length > left ? text.slice(0, left) : text;
    left -= piece.length;
    if (piece) await writeWithBackpressure(res, piece);
  };
  await send(head);
  let padding = Math.max(0, fault.bytes - head.length - tail.length);
  while (padding > 0 && !res.destroyed && !ctx.state.closing.signal.aborted) {
    const size = Math.min(PIECE, padding);
    await send(size === PIECE ? PADDING : PADDING.slice(0, size));
    padding -= size;
  }
  await send(tail);
  if (!res.destroyed) res.end();
}
