import { errorForStatus } from '../api-error.js';
import type { Fault, FaultOf } from '../faults.js';
import { sendError } from '../http-io.js';
import type { ApiContext } from './context.js';
import { echoKey } from './echo-key.js';
import { sendHugeBody } from './huge-body.js';

/** The request faults that answer in place of the route; the others change how the route answers. */
export type AnsweringFault =
  | FaultOf<'status'>
  | FaultOf<'malformed-json'>
  | FaultOf<'echo-key'>
  | FaultOf<'huge-body'>;

export function isAnswering(fault: Fault | undefined): fault is AnsweringFault {
  return (
    fault?.kind === 'status' ||
    fault?.kind === 'malformed-json' ||
    fault?.kind === 'echo-key' ||
    fault?.kind === 'huge-body'
  );
}

const BROKEN_JSON =
  '{"id":"chatcmpl-emulator","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"This body stops in the middle';

export function answerFault(ctx: ApiContext, fault: AnsweringFault): Promise<void> {
  const { res } = ctx;
  switch (fault.kind) {
    case 'status': {
      const answer = errorForStatus(fault.status, fault.code, fault.message);
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      sendError(res, { ...answer, headers }, ctx.encoding);
      return Promise.resolve();
    }
    case 'malformed-json':
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(BROKEN_JSON),
      });
      res.end(BROKEN_JSON);
      return Promise.resolve();
    case 'echo-key':
      return echoKey(ctx, fault);
    case 'huge-body':
      return sendHugeBody(ctx, fault);
  }
}
