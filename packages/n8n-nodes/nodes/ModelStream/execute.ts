import {
  createClient,
  type ModelPricing,
  type ModelSpec,
  type ModelStreamClient,
} from '@modelstream-kit/core';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { jobPathOf, numberParam, prepare, pricingOf } from './item-settings';
import { n8nClock } from './n8n-clock';
import { createN8nTransport } from './n8n-transport';
import { DEFAULT_CONCURRENCY, GET_JOB } from './node-properties';
import { getJob, message, type Run } from './operations';
import { runPool } from './run-pool';
import { StaticDataLedger } from './static-data-ledger';
import { errorItem, toNodeError } from './to-node-error';

export const CREDENTIAL_TYPE = 'modelStreamApi';

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
    const jobPath = jobPathOf(credentials.jobPath);
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
