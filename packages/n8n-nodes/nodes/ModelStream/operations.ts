import {
  BadRequestError,
  JobFailedError,
  type ModelSpec,
  type ModelStreamClient,
  resolveDelivery,
} from '@modelstream-kit/core';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { type Prepared, waitSettings } from './item-settings';
import { n8nClock } from './n8n-clock';
import { completionOutput, pendingOutput } from './output';
import { binaryImagesAsDataUrls } from './read-params';
import { requestHash, type StaticDataLedger } from './static-data-ledger';

export interface Run {
  ctx: IExecuteFunctions;
  model: ModelSpec;
  client: ModelStreamClient;
  ledger: StaticDataLedger;
  signal: AbortSignal | undefined;
}

/**
 * One item of "Message" through the core's run: a background job waited for (or handed back when Wait
 * for Completion is off), or one plain call. A job an earlier run left for the same request is collected
 * instead of starting another.
 */
export async function message(run: Run, itemIndex: number, prepared: Prepared): Promise<IDataObject> {
  const { ctx, model, client, ledger, signal } = run;
  const params = { ...prepared.params };
  const images = await binaryImagesAsDataUrls(ctx, itemIndex, prepared.imageNames);
  if (images.length > 0)
    params.image_urls = [...((params.image_urls as string[] | undefined) ?? []), ...images];
  const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
  const { wait, maxWaitMs } = waitSettings(ctx, itemIndex);
  const delivery = resolveDelivery(model, params);
  const handBack = delivery === 'background' && !wait;
  const hash = requestHash(model.id, params);
  const earlier = handBack ? undefined : ledger.claim(hash, n8nClock.now());
  const options = {
    signal,
    onNotice: (notice: string) => ctx.logger.info(`ModelStream: ${notice}`),
    delivery,
    maxWaitMs,
    deadlineMs: maxWaitMs,
    cancelOnAbort: true,
    ...(handBack ? { within: 0 } : {}),
    onJob: (job: { id: string }) => {
      ledger.note(job.id, hash);
      ctx.logger.info(
        `ModelStream: item ${itemIndex} started job ${job.id}; if this execution ends before it, collect it with Get Job`,
        { jobId: job.id, itemIndex },
      );
    },
  };
  let collected = earlier;
  const fresh = () => client.run(params, options);
  const result = earlier
    ? await client.run(params, { ...options, resumeJob: earlier.id }).catch((error: unknown) => {
        // The earlier job ended without an answer or is gone: it is not running, so a new one may start.
        const gone =
          error instanceof JobFailedError || (error instanceof BadRequestError && error.status === 404);
        if (!gone) return Promise.reject(error);
        ledger.forget(earlier.id);
        collected = undefined;
        return fresh();
      })
    : await fresh();
  if (result.status === 'pending') {
    // Handed back: the person collects it with Get Job; a later run does not take it up.
    ledger.forget(result.job.id);
    return pendingOutput(result.job, model.id);
  }
  if (result.job) ledger.forget(result.job.id);
  const out = completionOutput(result.completion, simplify);
  if (collected)
    out.collectedJob = { id: collected.id, startedAt: new Date(collected.startedAt).toISOString() };
  return out;
}

/** One item of "Get Job": the answer if the job has finished (or once it does, when waiting). */
export async function getJob(run: Run, itemIndex: number): Promise<IDataObject> {
  const { ctx, model, client, ledger, signal } = run;
  const id = String(ctx.getNodeParameter('jobId', itemIndex, '')).trim();
  const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
  const { wait, maxWaitMs } = waitSettings(ctx, itemIndex);
  // A job that failed is forgotten by the ledger itself (the client records how it ended).
  if (wait) {
    const completion = await client.wait(id, { signal, maxWaitMs });
    ledger.forget(id);
    return completionOutput(completion, simplify);
  }
  const snapshot = await client.retrieve(id, { signal });
  if (snapshot.completion || snapshot.error) ledger.forget(id);
  return snapshot.completion
    ? completionOutput(snapshot.completion, simplify)
    : pendingOutput(snapshot.job, model.id);
}
