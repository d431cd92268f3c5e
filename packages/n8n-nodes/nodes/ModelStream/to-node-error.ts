import {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  JobFailedError,
  type ModelSpec,
  ModelStreamError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  redactSecrets,
  TimeoutError,
  ValidationError,
} from '@modelstream-kit/core';
import {
  type IDataObject,
  type IExecuteFunctions,
  type INode,
  type INodeExecutionData,
  type JsonObject,
  NodeApiError,
  NodeOperationError,
} from 'n8n-workflow';
import type { StaticDataLedger } from './static-data-ledger';

type NodeError = NodeApiError | NodeOperationError;

const jobIdOf = (error: unknown): string | undefined => {
  const id = (error as { jobId?: unknown })?.jobId;
  return typeof id === 'string' ? id : undefined;
};

/** What the node knows beside the error: the model's fields, and the jobs it remembers. */
export interface ErrorContext {
  model: ModelSpec;
  ledger: StaticDataLedger;
  /** Manual runs: n8n does not save the node's static data, so a job is not remembered past the run. */
  manual: boolean;
}

/** The n8n field a validation issue is about, as the person sees it. */
function fieldHint(error: ValidationError, context: ErrorContext | undefined): string {
  const name = error.issues[0]?.field.replace(/\[.*$/, '');
  const param = context?.model.params.find((p) => p.name === name);
  if (!param) return 'Nothing was sent. Fix the field named above.';
  return `Nothing was sent. Fix ${param.label}${param.group === 'advanced' ? ' (under Options)' : ''}.`;
}

/** Where a started job can be collected: the node remembers it, or (manual runs) only its id does. */
function jobHint(jobId: string, context: ErrorContext | undefined): string | undefined {
  if (!context?.ledger.has(jobId)) return undefined;
  return context.manual
    ? `Job ${jobId} may still run upstream: collect it with Get Job and its ID (manual runs do not keep it for the next run; n8n saves a node's data only in production executions).`
    : `This node remembers job ${jobId}: the next run of the same request collects it instead of paying again, or collect it now with Get Job.`;
}

/** What to do about it, in n8n's words, under the core's message. */
function hintFor(error: ModelStreamError, context: ErrorContext | undefined): string | undefined {
  const jobId = jobIdOf(error);
  const base = baseHint(error, jobId, context);
  const remembered = jobId ? jobHint(jobId, context) : undefined;
  return base && remembered ? `${base} ${remembered}` : (base ?? remembered);
}

function baseHint(
  error: ModelStreamError,
  jobId: string | undefined,
  context: ErrorContext | undefined,
): string | undefined {
  if (error instanceof ValidationError) return fieldHint(error, context);
  if (error instanceof BadRequestError && error.param === 'background') {
    return 'Nothing was started: this gateway runs no background jobs, so turn off Background in Options.';
  }
  if (error instanceof AuthenticationError) {
    return 'Open the ModelStream API credential and check the API key (and the Base URL).';
  }
  if (error instanceof QuotaExceededError)
    return 'Recharge the ModelStream account, or use a credential with another key.';
  if (error instanceof PermissionDeniedError) {
    return "Check the key's IP allow-list and model access on the ModelStream dashboard.";
  }
  if (error instanceof RateLimitError) {
    return 'Retried with backoff honouring Retry-After. Lower Concurrency in Options, or raise Max Retries.';
  }
  if (error instanceof TimeoutError && error.phase === 'wait' && jobId) {
    return `Collect the answer later with the Get Job operation and Job ID ${jobId}, or raise Max Wait.`;
  }
  if (error instanceof AbortedError) return 'The execution was cancelled.';
  if (error instanceof JobFailedError) return 'The background job ended without an answer.';
  if ((error instanceof ConnectionError || error instanceof TimeoutError) && error.mayHaveRun) {
    return 'Turn on Background in Options (the default): a background job is never paid twice and can be collected later.';
  }
  return undefined;
}

/** Only the error's public fields: never headers, never the request. */
function errorFields(error: ModelStreamError, message: string): JsonObject {
  const fields: JsonObject = { name: error.name, message };
  if (error.status !== undefined) fields.status = error.status;
  if (error.code !== undefined) fields.code = error.code;
  if (error.type !== undefined) fields.type = error.type;
  if (error.param !== undefined) fields.param = error.param;
  if (error.requestId !== undefined) fields.requestId = error.requestId;
  const jobId = jobIdOf(error);
  if (jobId !== undefined) fields.jobId = jobId;
  return fields;
}

/**
 * Any failure as n8n's error: NodeOperationError for bad input (nothing sent), NodeApiError for what
 * ModelStream or the network answered. Messages are the core's, scrubbed of the key once more.
 */
export function toNodeError(
  node: INode,
  error: unknown,
  itemIndex: number,
  secrets: readonly string[],
  context?: ErrorContext,
): NodeError {
  const scrub = (text: string) => redactSecrets(text, secrets);
  if (error instanceof ModelStreamError) {
    const message = scrub(error.message);
    const description = hintFor(error, context);
    if (error instanceof ValidationError) {
      return new NodeOperationError(node, message, { itemIndex, ...(description ? { description } : {}) });
    }
    const apiError = new NodeApiError(node, errorFields(error, message), {
      message,
      itemIndex,
      ...(description ? { description } : {}),
      ...(error.status !== undefined ? { httpCode: String(error.status) } : {}),
    });
    // n8n swaps a message that mentions ECONNREFUSED & co. for a generic one; the core's says more.
    apiError.message = message;
    return apiError;
  }
  if (error instanceof NodeOperationError || error instanceof NodeApiError) {
    const message = scrub(error.message);
    const description = error.description ? scrub(error.description) : undefined;
    return new NodeOperationError(node, message, { itemIndex, ...(description ? { description } : {}) });
  }
  const message = scrub(error instanceof Error ? error.message : String(error));
  return new NodeOperationError(node, message, { itemIndex });
}

/**
 * The item a failed input becomes under "On Error: Continue". With the error output, n8n's engine moves
 * an item to it only when the item carries `error` (or its json holds nothing but error, message and
 * details): the error itself goes on the item, so the job id and status stay in its json.
 */
export function errorItem(ctx: IExecuteFunctions, error: NodeError, itemIndex: number): INodeExecutionData {
  const item: INodeExecutionData = { json: errorItemJson(error), pairedItem: { item: itemIndex } };
  if (ctx.getNode().onError === 'continueErrorOutput') item.error = error;
  return item;
}

function errorItemJson(error: NodeError): IDataObject {
  const json: IDataObject = { error: error.message };
  if (error.description) json.description = error.description;
  if (error instanceof NodeApiError) {
    const context = (error.errorResponse ?? {}) as IDataObject;
    for (const key of ['name', 'status', 'code', 'jobId', 'requestId'] as const) {
      if (context[key] !== undefined) json[key] = context[key];
    }
  }
  return json;
}
