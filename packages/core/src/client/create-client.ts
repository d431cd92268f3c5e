import type { Completion, Job } from '../completion.js';
import { checkCostCeiling, estimateCost } from '../cost/estimate.js';
import { getModelSpec } from '../spec/catalogue.js';
import type { Delivery } from '../spec/param-spec.js';
import { resolveDelivery } from '../surface/delivery.js';
import { type CompleteOptions, complete } from './complete.js';
import { Finisher } from './finish.js';
import type { CallOptions } from './http-call.js';
import {
  cancelJob,
  type JobSnapshot,
  retrieveJob,
  type StartedJob,
  startJob,
  type WaitOptions,
} from './jobs.js';
import { listModels, type ModelInfo } from './models.js';
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type RunOptions, type RunResult, runWithin } from './run.js';
import { type StreamEvent, type StreamOptions, streamCompletion } from './stream.js';
import { waitForJob } from './wait.js';

export interface ModelStreamClient {
  /** The model this client talks to. */
  readonly model: string;
  readonly baseUrl: string;
  complete(params: Record<string, unknown>, options?: CompleteOptions): Promise<Completion>;
  stream(params: Record<string, unknown>, options?: StreamOptions): AsyncIterable<StreamEvent>;
  start(params: Record<string, unknown>, options?: CallOptions): Promise<StartedJob>;
  wait(id: string, options?: WaitOptions): Promise<Completion>;
  retrieve(id: string, options?: CallOptions & { json?: boolean }): Promise<JobSnapshot>;
  cancel(id: string, options?: CallOptions): Promise<Job>;
  /** One answer for any surface: background, resumed, plain or streamed; pending when `within` runs out. */
  run(params: Record<string, unknown>, options?: RunOptions): Promise<RunResult>;
  /** `GET /v1/models`: what the key can use (credential tests). */
  listModels(options?: CallOptions): Promise<ModelInfo[]>;
  /** The paths in use now (the job paths change when the client finds the gateway's own). */
  paths(): ClientPaths;
}

export interface ClientPaths {
  completions: string;
  job: string;
  cancel: string;
  models: string;
  /** Whether the job paths were set by the caller (else: the default, or found on the gateway). */
  jobPathGiven: boolean;
}

/** A client over an injected transport and clock; see `@modelstream-kit/core/node` for Node's defaults. */
export function createClient(options: ClientOptions): ModelStreamClient {
  const opts: ResolvedOptions = resolveOptions(options);
  const finish = new Finisher(opts);
  const model = getModelSpec(opts.model);
  /** Every public call: errors scrubbed (and ended jobs recorded) on the way out. */
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw finish.error(error);
    }
  };
  /** The cost ceiling, checked before a new request is sent. */
  const checkCost = (params: Record<string, unknown>) => {
    if (opts.maxCostUsd === undefined) return;
    const estimate = estimateCost(model, params, { pricing: opts.pricing, countTokens: opts.countTokens });
    checkCostCeiling(estimate, opts.maxCostUsd, 'maxCostUsd');
  };
  const deliveryOf = (params: Record<string, unknown>): Delivery => {
    try {
      return resolveDelivery(model, params);
    } catch {
      return model.delivery.preferred;
    }
  };
  const onJobFor =
    (params: Record<string, unknown>, user?: (job: Job) => void | Promise<void>) => async (job: Job) => {
      finish.started(job, params, 'background');
      await user?.(job);
    };

  return {
    model: opts.model,
    baseUrl: opts.baseUrl,
    complete: (params, callOptions = {}) =>
      guard(async () => {
        checkCost(params);
        const completion = await complete(opts, params, {
          ...callOptions,
          onJob: onJobFor(params, callOptions.onJob),
        });
        // complete() asks plainly unless the params say stream or background (not the model's preference).
        const delivery: Delivery =
          params.stream === true ? 'stream' : params.background === true ? 'background' : 'plain';
        return finish.completion(completion, { params, delivery });
      }),
    stream: (params, callOptions) => ({
      async *[Symbol.asyncIterator]() {
        try {
          checkCost(params);
          for await (const event of streamCompletion(opts, params, callOptions)) {
            if (event.type === 'done') {
              yield {
                type: 'done',
                completion: finish.completion(event.completion, { params, delivery: 'stream' }),
              };
            } else yield event;
          }
        } catch (error) {
          throw finish.error(error);
        }
      },
    }),
    start: (params, callOptions) =>
      guard(async () => {
        checkCost(params);
        const job = await startJob(opts, params, callOptions);
        if (job.completion) {
          return {
            ...job,
            completion: finish.completion(job.completion, { params, delivery: 'background' }),
          };
        }
        finish.started(job, params, 'background');
        return job;
      }),
    wait: (id, waitOptions) => guard(async () => finish.completion(await waitForJob(opts, id, waitOptions))),
    retrieve: (id, callOptions) =>
      guard(async () => {
        const snapshot = await retrieveJob(opts, id, callOptions);
        if (snapshot.completion) return { ...snapshot, completion: finish.completion(snapshot.completion) };
        if (snapshot.error) return { ...snapshot, error: finish.error(snapshot.error) };
        finish.status(snapshot.job);
        return snapshot;
      }),
    cancel: (id, callOptions) =>
      guard(async () => {
        const job = await cancelJob(opts, id, callOptions);
        finish.status(job);
        return job;
      }),
    run: (params, runOptions = {}) =>
      guard(async () => {
        if (!runOptions.resumeJob) checkCost(params);
        const result = await runWithin(opts, params, {
          ...runOptions,
          onJob: onJobFor(params, runOptions.onJob),
        });
        if (result.status === 'pending') return result;
        const delivery = runOptions.resumeJob ? undefined : (runOptions.delivery ?? deliveryOf(params));
        return {
          ...result,
          completion: finish.completion(result.completion, delivery ? { params, delivery } : undefined),
        };
      }),
    listModels: (callOptions) => guard(() => listModels(opts, callOptions)),
    paths: () => ({
      completions: opts.completionsPath,
      job: opts.jobPaths.poll,
      cancel: opts.jobPaths.cancel,
      models: opts.modelsPath,
      jobPathGiven: opts.jobPaths.given,
    }),
  };
}
