export type { CompleteOptions } from './client/complete.js';
export { type ClientPaths, createClient, type ModelStreamClient } from './client/create-client.js';
export type { CallOptions, RetryInfo } from './client/http-call.js';
export type { JobSnapshot, StartedJob, WaitOptions } from './client/jobs.js';
export type { ModelInfo } from './client/models.js';
export { normalizeCompletion, normalizeUsage } from './client/normalize-completion.js';
export {
  type ClientOptions,
  checkBaseUrl,
  DEFAULT_BASE_URL,
  DEFAULT_JOB_PATHS,
  type Logger,
  type PollOptions,
  type Timeouts,
} from './client/options.js';
export type { RunOptions, RunResult } from './client/run.js';
export type { StreamEvent, StreamOptions } from './client/stream.js';
export type { Completion, FinishReason, Job, JobStatus, Usage } from './completion.js';
export { type Cost, costOf, costOfTokens, formatCost } from './cost/cost-of.js';
export {
  type CostEstimate,
  type CountTokens,
  checkCostCeiling,
  estimateCost,
  tokensFromLength,
} from './cost/estimate.js';
export { type PriceSetting, resolvePricing } from './cost/pricing.js';
export { errorFromResponse, readApiError } from './errors/from-response.js';
export {
  AuthenticationError,
  BadRequestError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from './errors/http-errors.js';
export { type ErrorDetails, ModelStreamError } from './errors/model-stream-error.js';
export {
  InvalidResponseError,
  type JobEndStatus,
  JobFailedError,
  StreamFailedError,
  StreamTruncatedError,
} from './errors/response-errors.js';
export { AbortedError, ConnectionError, TimeoutError, type TimeoutPhase } from './errors/transport-errors.js';
export { ValidationError, type ValidationIssue } from './errors/validation-error.js';
export { classifyNetworkError } from './http/classify-network-error.js';
export { headersFrom } from './http/headers-from.js';
export { parseRetryAfter } from './http/retry-after.js';
export { bytesOf, singleChunkBody } from './http/single-chunk-body.js';
export { toTransportFailure } from './http/to-transport-failure.js';
export {
  type Clock,
  type HttpMethod,
  type Transport,
  TransportFailure,
  type TransportFailureKind,
  type TransportRequest,
  type TransportResponse,
} from './http/transport.js';
export {
  digestPrompt,
  hashText,
  type JobLedger,
  type LedgerEntry,
  type LedgerStatus,
  type LedgerUpdate,
  type PromptDigest,
} from './ledger/job-ledger.js';
export { redactSecrets } from './redact.js';
export {
  defaultModelId,
  getModelSpec,
  getParamSpec,
  models,
  paramWithRole,
  userParams,
} from './spec/catalogue.js';
export { defineModel } from './spec/define-model.js';
export { gpt54Pro } from './spec/gpt-5.4-pro.js';
export { toCamelCase, toCanonicalName, toKebabCase } from './spec/naming.js';
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
export { parseParamText } from './spec/parse-param-text.js';
export { type ModelParams, showValue, validateParams } from './spec/validate.js';
export { formatInteger, listInWords } from './spec/words.js';
export { checkApiKey, missingKeyMessage } from './surface/api-key.js';
export { type CredentialCheck, checkCredentials } from './surface/check-credentials.js';
export { type DeliveryChoice, resolveDelivery, withDelivery } from './surface/delivery.js';
export { fromPlatformValue } from './surface/platform-value.js';
export {
  type ReadParamsOptions,
  type ReadParamsResult,
  readParams,
  readParamsOrThrow,
} from './surface/read-params.js';
