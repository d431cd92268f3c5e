import {
  checkApiKey,
  checkBaseUrl,
  DEFAULT_BASE_URL,
  type Delivery,
  type ModelSpec,
  type ParamSpec,
  readParams,
  resolveDelivery,
  toKebabCase,
  ValidationError,
  type ValidationIssue,
} from '@modelstream-kit/core';
import {
  DEFAULT_COMMENT_KEY,
  DEFAULT_MAX_DIFF_TOKENS,
  DEFAULT_TIMEOUT_MINUTES,
  type MODES,
} from '../action-inputs.js';
import type { CommentMode } from '../comment/sticky-comment.js';
import { parseGlobList } from '../diff/file-filter.js';
import {
  booleanRule,
  commentKeyRule,
  commentRule,
  type InputRule,
  jobPathRule,
  maxCostRule,
  modeRule,
  priceMultiplierRule,
  timeoutRule,
  wholeNumberRule,
} from './input-schemas.js';

export type Mode = (typeof MODES)[number];

export interface ActionConfig {
  apiKey: string;
  baseUrl: string;
  /** Where background jobs are polled (`{id}` replaced), when the gateway's differ from the default. */
  jobPath: string | undefined;
  mode: Mode;
  /** `prompt` input text, if any. */
  prompt: string | undefined;
  promptFile: string | undefined;
  systemPrompt: string | undefined;
  systemPromptFile: string | undefined;
  /** Model parameters other than prompt and system_prompt, typed, without those left at the default. */
  params: Record<string, unknown>;
  /** How the answer travels: a background job (the default), a stream, or one plain call. */
  delivery: Delivery;
  githubToken: string | undefined;
  comment: CommentMode;
  commentKey: string;
  maxDiffTokens: number;
  include: string[];
  exclude: string[];
  diffFile: string | undefined;
  pullRequest: number | undefined;
  timeoutMs: number;
  /** Refuse a request whose worst case costs more (US dollars). */
  maxCostUsd: number | undefined;
  /** ModelStream's multiplier over the list prices (1 = list prices). */
  priceMultiplier: number | undefined;
  /** Summarise a new push as "changes since" the summary the comment keeps. */
  incremental: boolean;
  force: boolean;
  failOnError: boolean;
}

export type GetInput = (name: string) => string;

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const TEXT_PARAMS = new Set(['prompt', 'system_prompt']);

/** A core issue in the words of an input: `input reasoning-effort: …`. */
function asInputIssue(issue: ValidationIssue, input = issue.field): ValidationIssue {
  const rest = issue.message.startsWith(`${issue.field}:`)
    ? issue.message.slice(issue.field.length + 1)
    : ` ${issue.message}`;
  return { ...issue, field: input, message: `input ${input}:${rest}` };
}

/** A core check (base URL, key) with its issues renamed to the input. */
function checked<T>(input: string, issues: ValidationIssue[], check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues.map((i) => asInputIssue(i, input)));
    return undefined;
  }
}

/**
 * Reads and checks every input before anything is sent or written: all problems are reported at once,
 * each naming the input, the value and what is allowed.
 */
export function readConfig(
  model: ModelSpec,
  getInput: GetInput,
  eventName: string | undefined,
): ActionConfig {
  const issues: ValidationIssue[] = [];
  const input = (name: string) => getInput(name) ?? '';
  const read = <T>(name: string, { schema, allowed }: InputRule<T>): T | undefined => {
    const text = input(name);
    const parsed = schema.safeParse(text);
    if (parsed.success) return parsed.data;
    issues.push({
      field: name,
      value: text,
      allowed,
      message: `input ${name}: ${JSON.stringify(text)} is not allowed; use ${allowed}`,
    });
    return undefined;
  };

  const apiKey =
    input('api-key').trim() === ''
      ? void issues.push({
          field: 'api-key',
          value: undefined,
          allowed: 'a ModelStream API key (sk-...)',
          message:
            'input api-key: is required; pass a ModelStream key from a secret, e.g. secrets.MODELSTREAM_API_KEY',
        })
      : checked('api-key', issues, () => checkApiKey(input('api-key'), 'api-key'));
  const baseUrl = checked('base-url', issues, () =>
    checkBaseUrl(input('base-url').trim() || DEFAULT_BASE_URL),
  );

  const { params, delivery } = readModelParams(model, input, issues);

  const isPr = PR_EVENTS.has(eventName ?? '');
  const mode = read('mode', modeRule) ?? (isPr ? 'summarize' : 'prompt');
  const prompt = input('prompt') || undefined;
  const promptFile = input('prompt-file').trim() || undefined;
  if (prompt && promptFile) {
    issues.push({
      field: 'prompt-file',
      value: promptFile,
      allowed: 'either prompt or prompt-file',
      message: 'input prompt-file: cannot be combined with prompt; give one of them',
    });
  }
  if (mode === 'prompt' && !prompt?.trim() && !promptFile) {
    issues.push({
      field: 'prompt',
      value: prompt,
      allowed: 'a non-empty string, or prompt-file',
      message: `input prompt: is required in prompt mode${isPr ? '' : ` (the event is ${eventName ?? 'unknown'}, so the mode defaults to prompt; set mode: summarize to summarise a pull request)`}; give prompt or prompt-file`,
    });
  }
  const systemPrompt = input('system-prompt') || undefined;
  const systemPromptFile = input('system-prompt-file').trim() || undefined;
  if (systemPrompt && systemPromptFile) {
    issues.push({
      field: 'system-prompt-file',
      value: systemPromptFile,
      allowed: 'either system-prompt or system-prompt-file',
      message: 'input system-prompt-file: cannot be combined with system-prompt; give one of them',
    });
  }
  const config = {
    apiKey: apiKey ?? '',
    baseUrl: baseUrl ?? DEFAULT_BASE_URL,
    jobPath: read('job-path', jobPathRule),
    mode,
    prompt,
    promptFile,
    systemPrompt,
    systemPromptFile,
    params,
    delivery,
    githubToken: input('github-token').trim() || undefined,
    comment: read('comment', commentRule) ?? 'sticky',
    commentKey: read('comment-key', commentKeyRule) || DEFAULT_COMMENT_KEY,
    maxDiffTokens:
      read('max-diff-tokens', wholeNumberRule(model.contextWindowTokens)) ?? DEFAULT_MAX_DIFF_TOKENS,
    include: parseGlobList(input('include')),
    exclude: parseGlobList(input('exclude')),
    diffFile: input('diff-file').trim() || undefined,
    pullRequest: read('pull-request', wholeNumberRule(1e9)),
    timeoutMs: (read('timeout-minutes', timeoutRule) ?? DEFAULT_TIMEOUT_MINUTES) * 60_000,
    maxCostUsd: read('max-cost-usd', maxCostRule),
    priceMultiplier: read('price-multiplier', priceMultiplierRule),
    incremental: read('incremental', booleanRule) ?? false,
    force: read('force', booleanRule) ?? false,
    failOnError: read('fail-on-error', booleanRule) ?? true,
  } satisfies ActionConfig;
  if (input('fail-on-error').trim() === '') config.failOnError = true;
  if (issues.length > 0) throw new ValidationError(issues);
  return config;
}

/**
 * The model's parameters through the core's reader (named by their inputs), and the delivery: an
 * explicit `stream: true` wins over the `background` default GitHub always fills in.
 */
function readModelParams(
  model: ModelSpec,
  input: (name: string) => string,
  issues: ValidationIssue[],
): { params: Record<string, unknown>; delivery: Delivery } {
  const inputName = (param: ParamSpec) => toKebabCase(param.name);
  const read = readParams(model, (param) => input(inputName(param)), {
    skip: (param) => TEXT_PARAMS.has(param.name),
    fieldName: inputName,
  });
  issues.push(...read.issues.map((i) => asInputIssue(i)));
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(read.params)) {
    const param = model.params.find((p) => p.name === name);
    // A value equal to the API's own default is not sent (it changes nothing, and keeps hashes stable).
    if (name !== 'background' && param?.default !== undefined && value === param.default) continue;
    params[name] = value;
  }
  let delivery: Delivery = 'plain';
  try {
    delivery = resolveDelivery(
      model,
      { stream: params.stream, background: params.stream === true ? undefined : params.background },
      ['background', 'stream', 'plain'],
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues.map((i) => asInputIssue(i, toKebabCase(i.field))));
  }
  delete params.background;
  delete params.stream;
  if (delivery === 'background') params.background = true;
  if (delivery === 'stream') params.stream = true;
  return { params, delivery };
}
