import type { Completion, Job } from '../completion.js';
import type { ModelParams } from '../spec/validate.js';
import { type CallOptions, postForm, readJson } from './http-call.js';
import { completionOfTerminal, isTerminal, readJob, type WaitOptions } from './jobs.js';
import { normalizeCompletion } from './normalize-completion.js';
import type { ResolvedOptions } from './options.js';
import { wantsJson } from './request-body.js';
import { waitForJob } from './wait.js';

export type PlainCallOptions = CallOptions &
  Pick<WaitOptions, 'maxWaitMs' | 'onPoll' | 'cancelOnAbort'> & {
    /** Hears a background job's id as soon as it is known. */
    onJob?: ((job: Job) => void | Promise<void>) | undefined;
  };

/**
 * One POST that waits for the whole answer (validated params). A gateway that turns it into a job
 * anyway is followed: the job is waited for within what is left of the deadline.
 */
export async function completePlain(
  opts: ResolvedOptions,
  params: ModelParams,
  options: PlainCallOptions = {},
): Promise<Completion> {
  const deadlineMs = options.deadlineMs ?? opts.timeouts.deadlineMs;
  const startedAt = opts.clock.now();
  const json = wantsJson(params);
  const response = await postForm(opts, params, deadlineMs, { ...options, deadlineMs });
  const payload = await readJson(response, opts);
  const job = readJob(payload);
  if (job && !isTerminal(job.status)) {
    await options.onJob?.(job);
    return waitForJob(opts, job.id, {
      ...options,
      json,
      maxWaitMs: options.maxWaitMs ?? Math.max(0, deadlineMs - (opts.clock.now() - startedAt)),
    });
  }
  if (job) {
    return completionOfTerminal(payload, job, {
      json,
      requestId: response.requestId,
      secrets: [opts.apiKey],
    });
  }
  return normalizeCompletion(payload, { requestId: response.requestId, json });
}
