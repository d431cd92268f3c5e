import { createClient, type ModelSpec, type ModelStreamClient } from '@modelstream-kit/core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { n8nClock } from './n8n-clock';
import { createN8nTransport } from './n8n-transport';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_WAIT_MINUTES, GET_JOB } from './node-properties';
import { completionOutput, pendingOutput } from './output';
import { binaryImagesAsDataUrls, binaryPropertyNames, readModelParams } from './read-params';
import { runPool } from './run-pool';
import { errorItem, toNodeError } from './to-node-error';

export const CREDENTIAL_TYPE = 'modelStreamApi';

interface Run {
  ctx: IExecuteFunctions;
  model: ModelSpec;
  client: ModelStreamClient;
  signal: AbortSignal | undefined;
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

/** One item of "Message": a background job waited for (or handed back), or one plain call. */
async function message(run: Run, itemIndex: number): Promise<IDataObject> {
  const { ctx, model, client, signal } = run;
  const params = readModelParams(ctx, itemIndex, model);
  const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
  const images = await binaryImagesAsDataUrls(
    ctx,
    itemIndex,
    binaryPropertyNames(options.imageBinaryProperties),
  );
  if (images.length > 0)
    params.image_urls = [...((params.image_urls as string[] | undefined) ?? []), ...images];
  if (params.background === undefined && params.stream !== true) {
    params.background = model.delivery.preferred === 'background';
  }
  const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
  const { wait, maxWaitMs } = waitSettings(ctx, itemIndex);
  if (params.background === true && !wait) {
    return pendingOutput(await client.start(params, { signal }), model.id);
  }
  const completion = await client.complete(params, {
    signal,
    deadlineMs: maxWaitMs,
    maxWaitMs,
    cancelOnAbort: true,
  });
  return completionOutput(completion, simplify);
}

/** One item of "Get Job": the answer if the job has finished (or once it does, when waiting). */
async function getJob(run: Run, itemIndex: number): Promise<IDataObject> {
  const { ctx, model, client, signal } = run;
  const id = String(ctx.getNodeParameter('jobId', itemIndex, '')).trim();
  const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
  const { wait, maxWaitMs } = waitSettings(ctx, itemIndex);
  if (wait) return completionOutput(await client.wait(id, { signal, maxWaitMs }), simplify);
  const snapshot = await client.retrieve(id, { signal });
  return snapshot.completion
    ? completionOutput(snapshot.completion, simplify)
    : pendingOutput(snapshot.job, model.id);
}

/**
 * The node's item loop: items run `concurrency` at a time through one client, keep their order and
 * pairing, and with Continue on Fail a failing item becomes an error item while the others go on.
 */
export async function executeModelStream(
  ctx: IExecuteFunctions,
  model: ModelSpec,
): Promise<INodeExecutionData[]> {
  const items = ctx.getInputData();
  const credentials = await ctx.getCredentials<{ apiKey?: string; baseUrl?: string }>(CREDENTIAL_TYPE);
  const secrets = typeof credentials.apiKey === 'string' && credentials.apiKey ? [credentials.apiKey] : [];
  const operation = ctx.getNodeParameter('operation', 0) as string;
  const signal = ctx.getExecutionCancelSignal();
  let client: ModelStreamClient;
  try {
    client = createClient({
      transport: createN8nTransport(ctx, CREDENTIAL_TYPE),
      clock: n8nClock,
      baseUrl: credentials.baseUrl || undefined,
      model: model.id,
      maxRetries: numberParam(ctx, 'options.maxRetries', 0, 4),
      logger: ctx.logger,
    });
  } catch (error) {
    throw toNodeError(ctx.getNode(), error, 0, secrets);
  }
  const run: Run = { ctx, model, client, signal };
  const perItem = operation === GET_JOB ? getJob : message;
  const concurrency = numberParam(ctx, 'options.concurrency', 0, DEFAULT_CONCURRENCY);

  const results = await runPool(
    items.length,
    concurrency,
    async (itemIndex): Promise<INodeExecutionData> => {
      try {
        return { json: await perItem(run, itemIndex), pairedItem: { item: itemIndex } };
      } catch (error) {
        const nodeError = toNodeError(ctx.getNode(), error, itemIndex, secrets);
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
