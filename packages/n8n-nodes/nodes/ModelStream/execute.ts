import {
  BadRequestError,
  checkCostCeiling,
  createClient,
  estimateCost,
  JobFailedError,
  type ModelPricing,
  type ModelSpec,
  type ModelStreamClient,
  resolveDelivery,
  resolvePricing,
  ValidationError,
  validateParams,
} from '@modelstream-kit/core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { n8nClock } from './n8n-clock';
import { createN8nTransport } from './n8n-transport';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_WAIT_MINUTES, GET_JOB } from './node-properties';
import { completionOutput, pendingOutput } from './output';
import { binaryImages, binaryImagesAsDataUrls, binaryPropertyNames, readModelParams } from './read-params';
import { runPool } from './run-pool';
import { requestHash, StaticDataLedger } from './static-data-ledger';
import { errorItem, toNodeError } from './to-node-error';

export const CREDENTIAL_TYPE = 'modelStreamApi';

interface Run {
  ctx: IExecuteFunctions;
  model: ModelSpec;
  client: ModelStreamClient;
  ledger: StaticDataLedger;
  signal: AbortSignal | undefined;
}

/** One item of "Message", read and checked before any item is sent. */
interface Prepared {
  params: Record<string, unknown>;
  imageNames: string[];
}

const numberParam = (ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: number): number => {
  const value = Number(ctx.getNodeParameter(name, itemIndex, fallback));
  return Number.isFinite(value) ? value : fallback;
};

function waitSettings(ctx: IExecuteFunctions, itemIndex: number) {
  const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
  const minutes = numberParam(ctx, 'maxWaitMinutes', itemIndex, DEFAULT_MAX_WAIT_MINUTES);
  return { wait, maxWaitMs: (minutes > 0 ? minutes : DEFAULT_MAX_WAIT_MINUTES) * 60_000 };
}

/** The item's request, validated, and within Max Cost (USD) at the prices in force: nothing sent yet. */
function prepare(
  ctx: IExecuteFunctions,
  itemIndex: number,
  model: ModelSpec,
  pricing: ModelPricing,
): Prepared {
  const params = readModelParams(ctx, itemIndex, model);
  const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
  const imageNames = binaryImages(ctx, itemIndex, binaryPropertyNames(options.imageBinaryProperties)).map(
    (image) => image.name,
  );
  validateParams(model, params);
  resolveDelivery(model, params);
  const maxCost = numberParam(ctx, 'options.maxCostUsd', itemIndex, 0);
  if (maxCost > 0) {
    const images = (params.image_urls as string[] | undefined) ?? [];
    const counted = { ...params, image_urls: [...images, ...imageNames] };
    checkCostCeiling(estimateCost(model, counted, { pricing }), maxCost, 'Max Cost (USD)');
  }
  return { params, imageNames };
}

/**
 * One item of "Message" through the core's run: a background job waited for (or handed back when Wait
 * for Completion is off), or one plain call. A job an earlier run left for the same request is collected
 * instead of starting another.
 */
async function message(run: Run, itemIndex: number, prepared: Prepared): Promise<IDataObject> {
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
async function getJob(run: Run, itemIndex: number): Promise<IDataObject> {
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

/** The prices answers are reckoned at: the spec's list prices × Price Multiplier. */
function pricingOf(ctx: IExecuteFunctions, model: ModelSpec): { multiplier: number; pricing: ModelPricing } {
  const multiplier = numberParam(ctx, 'options.priceMultiplier', 0, 1);
  if (!(multiplier > 0)) {
    const message = `Price Multiplier: ${multiplier} is not allowed; use a number above 0 (1 = list prices)`;
    throw new ValidationError([
      { field: 'Price Multiplier', value: multiplier, allowed: 'a number above 0', message },
    ]);
  }
  return { multiplier, pricing: resolvePricing(model, { multiplier }) };
}

/**
 * The node's item loop: every item is read and checked first (a bad one fails the node before anything
 * is sent, unless On Error continues), then items run `concurrency` at a time through one client, keep
 * their order and pairing, and a failing item becomes an error item while the others go on.
 */
export async function executeModelStream(
  ctx: IExecuteFunctions,
  model: ModelSpec,
): Promise<INodeExecutionData[]> {
  const items = ctx.getInputData();
  const credentials = await ctx.getCredentials<{ apiKey?: string; baseUrl?: string; jobPath?: string }>(
    CREDENTIAL_TYPE,
  );
  const secrets = typeof credentials.apiKey === 'string' && credentials.apiKey ? [credentials.apiKey] : [];
  const operation = ctx.getNodeParameter('operation', 0) as string;
  const signal = ctx.getExecutionCancelSignal();
  const ledger = new StaticDataLedger(ctx.getWorkflowStaticData('node'));
  const manual = ctx.getMode?.() === 'manual';
  let client: ModelStreamClient;
  let pricing: ModelPricing;
  try {
    const jobPath = credentials.jobPath?.trim() || undefined;
    if (jobPath !== undefined && !/^\/\S*\{id\}/.test(jobPath)) {
      const message = `Job Path: ${JSON.stringify(jobPath)} is not allowed; use a path holding {id}, such as /v1/chat/completions/{id}`;
      throw new ValidationError([
        { field: 'Job Path', value: jobPath, allowed: 'a path holding {id}', message },
      ]);
    }
    const prices = pricingOf(ctx, model);
    pricing = prices.pricing;
    client = createClient({
      transport: createN8nTransport(ctx, CREDENTIAL_TYPE),
      clock: n8nClock,
      baseUrl: credentials.baseUrl || undefined,
      jobPath,
      model: model.id,
      maxRetries: numberParam(ctx, 'options.maxRetries', 0, 4),
      logger: ctx.logger,
      ledger,
      pricing: { multiplier: prices.multiplier },
      secrets,
    });
  } catch (error) {
    throw toNodeError(ctx.getNode(), error, 0, secrets);
  }
  const run: Run = { ctx, model, client, ledger, signal };
  const failed = (error: unknown, itemIndex: number) =>
    toNodeError(ctx.getNode(), error, itemIndex, secrets, { model, ledger, manual });

  const prepared = items.map((_, itemIndex) => {
    if (operation === GET_JOB) return undefined;
    try {
      return prepare(ctx, itemIndex, model, pricing);
    } catch (error) {
      const nodeError = failed(error, itemIndex);
      if (!ctx.continueOnFail()) throw nodeError;
      return nodeError;
    }
  });

  const concurrency = numberParam(ctx, 'options.concurrency', 0, DEFAULT_CONCURRENCY);
  const results = await runPool(
    items.length,
    concurrency,
    async (itemIndex): Promise<INodeExecutionData> => {
      const ready = prepared[itemIndex];
      try {
        if (ready instanceof Error) throw ready;
        const json = ready ? await message(run, itemIndex, ready) : await getJob(run, itemIndex);
        return { json, pairedItem: { item: itemIndex } };
      } catch (error) {
        const nodeError = ready instanceof Error ? ready : failed(error, itemIndex);
        if (!ctx.continueOnFail()) throw nodeError;
        return errorItem(ctx, nodeError, itemIndex);
      }
    },
    signal,
  );
  if (signal?.aborted) {
    throw toNodeError(ctx.getNode(), new Error('The execution was cancelled.'), 0, secrets);
  }
  return results;
}
