import type { Completion, Job } from '../completion.js';
import { TimeoutError } from '../errors/transport-errors.js';
import { getModelSpec } from '../spec/catalogue.js';
import { complete } from './complete.js';
import type { CallOptions } from './http-call.js';
import { startJob, type WaitOptions, waitForJob } from './jobs.js';
import type { ResolvedOptions } from './options.js';
import { wantsJson } from './request-body.js';

export type RunResult =
  | { status: 'completed'; completion: Completion; job?: Job }
  | { status: 'pending'; job: Job };

export interface RunOptions extends CallOptions, Pick<WaitOptions, 'onPoll' | 'poll' | 'cancelOnAbort'> {
  /** The time the platform allows, in ms. The answer if it is ready by then, else the job to collect later. */
  within: number;
}

/**
 * For platforms with a time limit (Zapier's 30 s): starts a background job and waits for it within the
 * budget. Nothing is lost at the limit: the pending job's id comes back to be collected later.
 */
export async function runWithin(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: RunOptions,
): Promise<RunResult> {
  const { within, ...rest } = options;
  const model = getModelSpec(opts.model);
  if (!model.supportsBackground) {
    return {
      status: 'completed',
      completion: await complete(opts, { ...input, background: undefined }, { ...rest, deadlineMs: within }),
    };
  }
  const startedAt = opts.clock.now();
  const job = await startJob(opts, input, { ...rest, deadlineMs: within });
  let last = job;
  try {
    const completion = await waitForJob(opts, job.id, {
      ...rest,
      json: wantsJson(input),
      maxWaitMs: Math.max(0, within - (opts.clock.now() - startedAt)),
      onPoll: (seen, elapsed) => {
        last = seen;
        rest.onPoll?.(seen, elapsed);
      },
    });
    return { status: 'completed', completion, job: { id: job.id, status: 'completed' } };
  } catch (error) {
    if (error instanceof TimeoutError && error.phase === 'wait') return { status: 'pending', job: last };
    throw error;
  }
}
