import {
  DEFAULT_BASE_URL,
  listInWords,
  type ModelSpec,
  parseParamText,
  toKebabCase,
  ValidationError,
  type ValidationIssue,
  validateParams,
} from '@modelstream-kit/core';
import {
  COMMENT_MODES,
  DEFAULT_COMMENT_KEY,
  DEFAULT_MAX_DIFF_TOKENS,
  DEFAULT_TIMEOUT_MINUTES,
  MODES,
} from '../action-inputs.js';
import type { CommentMode } from '../comment/sticky-comment.js';
import { parseGlobList } from '../diff/file-filter.js';

export type Mode = (typeof MODES)[number];

export interface ActionConfig {
  apiKey: string;
  baseUrl: string;
  mode: Mode;
  /** `prompt` input text, if any. */
  prompt: string | undefined;
  promptFile: string | undefined;
  systemPrompt: string | undefined;
  systemPromptFile: string | undefined;
  /** Model parameters other than prompt and system_prompt, typed, without those left at the default. */
  params: Record<string, unknown>;
  githubToken: string | undefined;
  comment: CommentMode;
  commentKey: string;
  maxDiffTokens: number;
  include: string[];
  exclude: string[];
  diffFile: string | undefined;
  pullRequest: number | undefined;
  timeoutMs: number;
  force: boolean;
  failOnError: boolean;
}

export type GetInput = (name: string) => string;

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const TEXT_PARAMS = new Set(['prompt', 'system_prompt']);

/** Renames a core issue's canonical field to the input a person typed (`reasoning_effort` → `reasoning-effort`). */
function asInputIssue(issue: ValidationIssue): ValidationIssue {
  const input = toKebabCase(issue.field);
  return {
    ...issue,
    field: input,
    message: issue.message.startsWith(`${issue.field}:`)
      ? `input ${input}:${issue.message.slice(issue.field.length + 1)}`
      : `input ${input}: ${issue.message}`,
  };
}

function bool(name: string, text: string, issues: ValidationIssue[]): boolean {
  const lower = text.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(lower)) return true;
  if (['false', 'no', '0', 'off', ''].includes(lower)) return false;
  issues.push({
    field: name,
    value: text,
    allowed: 'true or false',
    message: `input ${name}: ${JSON.stringify(text)} is not allowed; use true or false`,
  });
  return false;
}

function positiveInt(
  name: string,
  text: string,
  fallback: number | undefined,
  max: number,
  issues: ValidationIssue[],
): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return fallback;
  if (/^\d+$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= max) return Number(trimmed);
  issues.push({
    field: name,
    value: text,
    allowed: `a whole number from 1 to ${max}`,
    message: `input ${name}: ${JSON.stringify(text)} is not allowed; use a whole number from 1 to ${max}`,
  });
  return fallback;
}

/** Minutes, fractions allowed (0.5 = 30 s), from 0.05 to 360 (a job's longest run on GitHub's runners). */
function minutes(text: string, issues: ValidationIssue[]): number {
  const trimmed = text.trim();
  if (trimmed === '') return DEFAULT_TIMEOUT_MINUTES;
  const value = Number(trimmed);
  if (/^\d+(\.\d+)?$/.test(trimmed) && value >= 0.05 && value <= 360) return value;
  issues.push({
    field: 'timeout-minutes',
    value: text,
    allowed: 'a number of minutes from 0.05 to 360',
    message: `input timeout-minutes: ${JSON.stringify(text)} is not allowed; use a number of minutes from 0.05 to 360`,
  });
  return DEFAULT_TIMEOUT_MINUTES;
}

function oneOf<T extends string>(
  name: string,
  text: string,
  values: readonly T[],
  fallback: T,
  issues: ValidationIssue[],
): T {
  const trimmed = text.trim();
  if (trimmed === '') return fallback;
  if ((values as readonly string[]).includes(trimmed)) return trimmed as T;
  issues.push({
    field: name,
    value: text,
    allowed: listInWords(values),
    message: `input ${name}: ${JSON.stringify(text)} is not allowed; use ${listInWords(values)}`,
  });
  return fallback;
}

/**
 * Reads and checks every input before anything is sent: all problems are reported at once, each naming
 * the input, the value and what is allowed.
 */
export function readConfig(
  model: ModelSpec,
  getInput: GetInput,
  eventName: string | undefined,
): ActionConfig {
  const issues: ValidationIssue[] = [];
  const input = (name: string) => getInput(name) ?? '';
  const apiKey = input('api-key').trim();
  if (!apiKey) {
    issues.push({
      field: 'api-key',
      value: undefined,
      allowed: 'a ModelStream API key (sk-...)',
      message:
        'input api-key: is required; pass a ModelStream key from a secret, e.g. secrets.MODELSTREAM_API_KEY',
    });
  }

  const params: Record<string, unknown> = {};
  for (const param of model.params) {
    if (TEXT_PARAMS.has(param.name)) continue;
    const name = toKebabCase(param.name);
    try {
      const value = parseParamText(model, param, input(name));
      if (value === undefined) continue;
      // A value equal to the API's own default is not sent (it changes nothing, and keeps hashes stable).
      if (param.name !== 'background' && param.default !== undefined && value === param.default) continue;
      params[param.name] = value;
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues.map(asInputIssue));
      else throw error;
    }
  }
  // Streaming asked for: the action's background default steps aside (GitHub always fills the input).
  if (params.stream === true) delete params.background;
  if (params.background === false) delete params.background;
  try {
    validateParams(model, { ...params, prompt: 'check' });
  } catch (error) {
    if (error instanceof ValidationError) {
      const known = new Set(issues.map((i) => i.field));
      issues.push(...error.issues.map(asInputIssue).filter((i) => !known.has(i.field)));
    } else throw error;
  }

  const modeText = input('mode');
  const mode = oneOf(
    'mode',
    modeText,
    MODES,
    PR_EVENTS.has(eventName ?? '') ? 'summarize' : 'prompt',
    issues,
  );
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
      message: `input prompt: is required in prompt mode${PR_EVENTS.has(eventName ?? '') ? '' : ` (the event is ${eventName ?? 'unknown'}, so the mode defaults to prompt; set mode: summarize to summarise a pull request)`}; give prompt or prompt-file`,
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
  const baseUrl = input('base-url').trim() || DEFAULT_BASE_URL;
  const comment = oneOf('comment', input('comment'), COMMENT_MODES, 'sticky', issues);
  const commentKey = input('comment-key').trim() || DEFAULT_COMMENT_KEY;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(commentKey)) {
    issues.push({
      field: 'comment-key',
      value: commentKey,
      allowed: 'up to 64 letters, digits, dots, dashes or underscores',
      message: `input comment-key: ${JSON.stringify(commentKey)} is not allowed; use up to 64 letters, digits, dots, dashes or underscores`,
    });
  }
  const maxDiffTokens = positiveInt(
    'max-diff-tokens',
    input('max-diff-tokens'),
    DEFAULT_MAX_DIFF_TOKENS,
    model.contextWindowTokens,
    issues,
  )!;
  const timeoutMinutes = minutes(input('timeout-minutes'), issues);
  const pullRequest = positiveInt('pull-request', input('pull-request'), undefined, 1e9, issues);
  const config: ActionConfig = {
    apiKey,
    baseUrl,
    mode,
    prompt,
    promptFile,
    systemPrompt,
    systemPromptFile,
    params,
    githubToken: input('github-token').trim() || undefined,
    comment,
    commentKey,
    maxDiffTokens,
    include: parseGlobList(input('include')),
    exclude: parseGlobList(input('exclude')),
    diffFile: input('diff-file').trim() || undefined,
    pullRequest,
    timeoutMs: timeoutMinutes * 60_000,
    force: bool('force', input('force'), issues),
    failOnError:
      input('fail-on-error').trim() === '' ? true : bool('fail-on-error', input('fail-on-error'), issues),
  };
  if (issues.length > 0) throw new ValidationError(issues);
  return config;
}
