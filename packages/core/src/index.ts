// The core's public API, for the adapters (n8n, Zapier, the CLI, the GitHub Action) and for anyone
// building on the kit. Each statement is tagged `@public`: the adapters import the built dist, which knip
// does not map back here (see knip.config.ts). An export nothing uses and nobody is meant to use is removed.
/** @public */
export type { CompleteOptions } from './client/complete.js';
/** @public */
export { type ClientPaths, createClient, type ModelStreamClient } from './client/create-client.js';
/** @public */
export type { CallOptions, RetryInfo } from './client/http-call.js';
/** @public */
export type { JobSnapshot, StartedJob, WaitOptions } from './client/jobs.js';
/** @public */
export type { ModelInfo } from './client/models.js';
/** @public */
export {
  type ClientOptions,
  checkBaseUrl,
  DEFAULT_BASE_URL,
  DEFAULT_JOB_PATHS,
  type Logger,
  type PollOptions,
  type Timeouts,
} from './client/options.js';
/** @public */
export type { RunOptions, RunResult } from './client/run.js';
/** @public */
export type { StreamEvent, StreamOptions } from './client/stream.js';
/** @public */
export type { Completion, FinishReason, Job, JobStatus, Usage } from './completion.js';
/** @public */
export { type Cost, costOf, costOfTokens, formatCost } from './cost/cost-of.js';
/** @public */
export {
  type CostEstimate,
  type CountTokens,
  checkCostCeiling,
  estimateCost,
} from './cost/estimate.js';
/** @public */
export { type PriceSetting, resolvePricing } from './cost/pricing.js';
/** @public */
export { errorFromResponse } from './errors/from-response.js';
/** @public */
export {
  AuthenticationError,
  BadRequestError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from './errors/http-errors.js';
/** @public */
export { type ErrorDetails, ModelStreamError } from './errors/model-stream-error.js';
/** @public */
export {
  InvalidResponseError,
  type JobEndStatus,
  JobFailedError,
  StreamFailedError,
  StreamTruncatedError,
} from './errors/response-errors.js';
/** @public */
export { AbortedError, ConnectionError, TimeoutError, type TimeoutPhase } from './errors/transport-errors.js';
/** @public */
export { ValidationError, type ValidationIssue } from './errors/validation-error.js';
/** @public */
export { classifyNetworkError } from './http/classify-network-error.js';
/** @public */
export { headersFrom } from './http/headers-from.js';
/** @public */
export { parseRetryAfter } from './http/retry-after.js';
/** @public */
export { bytesOf, singleChunkBody } from './http/single-chunk-body.js';
/** @public */
export { toTransportFailure } from './http/to-transport-failure.js';
/** @public */
export {
  type Clock,
  type HttpMethod,
  type Transport,
  TransportFailure,
  type TransportFailureKind,
  type TransportRequest,
  type TransportResponse,
} from './http/transport.js';
/** @public */
export {
  digestPrompt,
  hashText,
  type JobLedger,
  type LedgerEntry,
  type LedgerStatus,
  type LedgerUpdate,
  type PromptDigest,
} from './ledger/job-ledger.js';
/** @public */
export { redactSecrets } from './redact.js';
/** @public */
export { getModelSpec, models, paramWithRole, userParams } from './spec/catalogue.js';
/** @public */
export { gpt54Pro } from './spec/gpt-5.4-pro.js';
/** @public */
export { toCamelCase, toKebabCase } from './spec/naming.js';
/** @public */
export type {
  Delivery,
  ImageTokenRule,
  ModelPricing,
  ModelSpec,
  ParamChoice,
  ParamGroup,
  ParamKind,
  ParamRole,
  ParamSpec,
  ParamsOf,
  PriceTier,
} from './spec/param-spec.js';
/** @public */
export { parseParamText } from './spec/parse-param-text.js';
/** @public */
export { type ModelParams, showValue, validateParams } from './spec/validate.js';
/** @public */
export { formatInteger, listInWords } from './spec/words.js';
/** @public */
export { checkApiKey, missingKeyMessage } from './surface/api-key.js';
/** @public */
export { type CredentialCheck, checkCredentials } from './surface/check-credentials.js';
/** @public */
export { type DeliveryChoice, resolveDelivery, withDelivery } from './surface/delivery.js';
/** @public */
export { fromPlatformValue } from './surface/platform-value.js';
/** @public */
export {
  type ReadParamsOptions,
  type ReadParamsResult,
  readParams,
  readParamsOrThrow,
} from './surface/read-params.js';
