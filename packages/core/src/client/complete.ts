import type { Completion } from '../completion.js';
import { getModelSpec } from '../spec/catalogue.js';
import { validateParams } from '../spec/validate.js';
import { type CallOptions, readJson, sendWithRetry } from './http-call.js';
import { completionOfTerminal, isTerminal, readJob, type WaitOptions, waitForJob } from './jobs.js';
import { normalizeCompletion } from './normalize-completion.js';
import type { ResolvedOptions } from './options.js';
import { buildRequestBody, wantsJson } from './request-body.js';
import { collectStream } from './stream.js';

export type CompleteOptions = CallOptions & Pick<WaitOptions, 'maxWaitMs' | 'onPoll' | 'cancelOnAbort'>;

/**
 * One answer. `background: true` starts a job and waits for it; `stream: true` streams and returns the
 * assembled answer; otherwise one POST that waits for the whole answer.
 */
export async function complete(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: CompleteOptions = {},
): Promise<Completion> {
  const model = getModelSpec(opts.model);
  const params = validateParams(model, input);
  if (params.stream === true) return collectStream(opts, params, options);
  const deadlineMs = options.deadlineMs ?? opts.timeouts.deadlineMs;
  const startedAt = opts.clock.now();
  const response = await sendWithRetry(
    opts,
    {
      method: 'POST',
      path: opts.completionsPath,
      body: buildRequestBody(model, params),
      headersMs: params.background === true ? opts.timeouts.headersMs : deadlineMs,
    },
    { ...options, deadlineMs },
  );
  const payload = await readJson(response);
  const job = readJob(payload);
  if (job && !isTerminal(job.status)) {
    return waitForJob(opts, job.id, {
      ...options,
      json: wantsJson(params),
      maxWaitMs: options.maxWaitMs ?? Math.max(0, deadlineMs - (opts.clock.now() - startedAt)),
    });
  }
  if (job) return completionOfTerminal(opts, payload, job, wantsJson(params), response.requestId);
  return normalizeCompletion(payload, { requestId: response.requestId, json: wantsJson(params) });
}
