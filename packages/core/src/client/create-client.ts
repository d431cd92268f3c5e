import type { Completion, Job } from '../completion.js';
import { type CompleteOptions, complete } from './complete.js';
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
}

/** A client over an injected transport and clock; see `@modelstream-kit/core/node` for Node's defaults. */
export function createClient(options: ClientOptions): ModelStreamClient {
  const opts: ResolvedOptions = resolveOptions(options);
  return {
    model: opts.model,
    baseUrl: opts.baseUrl,
    complete: (params, callOptions) => complete(opts, params, callOptions),
    stream: (params, callOptions) => streamCompletion(opts, params, callOptions),
    start: (params, callOptions) => startJob(opts, params, callOptions),
    wait: (id, waitOptions) => waitForJob(opts, id, waitOptions),
    retrieve: (id, callOptions) => retrieveJob(opts, id, callOptions),
    cancel: (id, callOptions) => cancelJob(opts, id, callOptions),
    run: (params, runOptions) => runWithin(opts, params, runOptions),
    listModels: (callOptions) => listModels(opts, callOptions),
  };
}
