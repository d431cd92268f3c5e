import { DEFAULT_BASE_URL } from '@modelstream-kit/core';

/** One input the action defines itself (the model's parameters come from the core's spec). */
export interface OwnInput {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly default?: string;
}

export interface ActionOutput {
  readonly name: string;
  readonly description: string;
}

export const DEFAULT_MAX_DIFF_TOKENS = 50_000;
export const DEFAULT_TIMEOUT_MINUTES = 30;
export const DEFAULT_COMMENT_KEY = 'pr-summary';
export const MODES = ['summarize', 'prompt'] as const;
export const COMMENT_MODES = ['sticky', 'new', 'off'] as const;

/** Shown before the model's parameters in action.yml. */
export const leadingInputs: readonly OwnInput[] = [
  {
    name: 'api-key',
    description:
      'ModelStream API key (sk-...). Pass it from a secret (secrets.MODELSTREAM_API_KEY). ' +
      'It is registered as a secret before anything else and never printed.',
    required: true,
  },
  {
    name: 'base-url',
    description: 'ModelStream API base URL. Plain http is accepted only for localhost (an emulator).',
    default: DEFAULT_BASE_URL,
  },
  {
    name: 'job-path',
    description:
      'Where the gateway serves a background job, `{id}` replaced (default `/v1/responses/{id}`; cancelled ' +
      'at the same path + `/cancel`). Set it when your gateway keeps jobs elsewhere, e.g. ' +
      '`/v1/chat/completions/{id}`; `modelstream doctor --spend` finds it.',
  },
  {
    name: 'mode',
    description:
      '`summarize` (summarise the pull request) or `prompt` (send `prompt` as it is). ' +
      'Default: `summarize` on pull_request and pull_request_target events, `prompt` otherwise.',
  },
];

/** Inputs that sit right after a model parameter (a file alternative to a text). */
export const companionInputs: Readonly<Record<string, OwnInput>> = {
  prompt: {
    name: 'prompt-file',
    description:
      'Read `prompt` from this file (relative to the workspace). `{{...}}` placeholders work here too.',
  },
  system_prompt: {
    name: 'system-prompt-file',
    description: 'Read `system-prompt` from this file (relative to the workspace).',
  },
};

/** What the action adds to a model parameter's description from the spec. */
export const paramNotes: Readonly<Record<string, string>> = {
  prompt:
    'In `prompt` mode: the whole message, with `{{pr.title}}`, `{{pr.body}}`, `{{pr.number}}`, `{{diff}}`, ' +
    '`{{file:path}}` and other placeholders (see README). In `summarize` mode: replaces the built-in ' +
    'summary instructions; the pull request and its diff are still appended, framed as data.',
  background:
    'On by default in this action (GPT-5.4 pro answers can take minutes): the answer is a job waited ' +
    'for within `timeout-minutes`, collected by a rerun if it outlives the step, cancelled if the run is.',
  stream: 'Rarely useful in an action; when true, background mode is off unless `background` is set too.',
};

/** Shown after the model's parameters in action.yml. */
export const trailingInputs: readonly OwnInput[] = [
  {
    name: 'github-token',
    description:
      'Token for the GitHub REST API (reading the pull request, writing the comment). Needs ' +
      '`pull-requests: write` to comment and `contents: read`.',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    default: '${{ github.token }}',
  },
  {
    name: 'comment',
    description:
      '`sticky`: one comment, found by a hidden marker and edited in place on every run; `new`: a new ' +
      'comment per answer; `off`: no comment.',
    default: 'sticky',
  },
  {
    name: 'comment-key',
    description:
      'Tells this step’s sticky comment apart from other steps using the action on the same pull request.',
    default: DEFAULT_COMMENT_KEY,
  },
  {
    name: 'max-diff-tokens',
    description:
      'Most tokens (o200k) of diff to send. Files beyond it are truncated or left out, and the comment ' +
      'and prompt list exactly which: files left out by rule (generated, lockfile, binary, vendored) first, ' +
      'the largest first, every reason’s biggest files named; the `omitted-files` output has them all.',
    default: String(DEFAULT_MAX_DIFF_TOKENS),
  },
  {
    name: 'include',
    description:
      'Only these files (globs, one per line or comma-separated; a pattern without `/` matches the base ' +
      'name). A file named here is kept even when it looks generated, vendored or like a lockfile.',
  },
  {
    name: 'exclude',
    description:
      'Leave out these files (globs), on top of the defaults: lockfiles, generated, vendored and binary.',
  },
  {
    name: 'diff-file',
    description:
      'A unified diff (`git diff` output) to summarise instead of reading the changed files from the API: ' +
      'for a workflow_run workflow summarising a diff uploaded by a pull_request workflow (forks). Up to ' +
      '512 MiB (only `max-diff-tokens` of it is sent; a 31 MB diff is budgeted in about a second).',
  },
  {
    name: 'pull-request',
    description:
      'The pull request number, when the event is not a pull request (workflow_run with `diff-file`).',
  },
  {
    name: 'timeout-minutes',
    description:
      'Longest wait for the answer, in minutes (fractions allowed). A background job still running then ' +
      'is left upstream and collected by the next run with the same inputs (never paid twice).',
    default: String(DEFAULT_TIMEOUT_MINUTES),
  },
  {
    name: 'max-cost-usd',
    description:
      'Refuse to send a request whose worst case (prompt tokens counted with o200k, plus `max-output-tokens` ' +
      'or the model’s maximum, at the prices in force) costs more than this many US dollars. The estimate ' +
      'is in the step summary either way.',
  },
  {
    name: 'price-multiplier',
    description:
      'ModelStream bills its prepaid quota at its own multiple of the list prices: the costs shown are the ' +
      'list prices times this number.',
    default: '1',
  },
  {
    name: 'incremental',
    description:
      'Summarise mode, on a new push: keep the summary already in the sticky comment and add a "Changes ' +
      'since <sha>" section from the compare API (the earlier summary and the new commits’ diff are sent, ' +
      'not the whole pull request again). The first summary, and one after a force-push that removed its ' +
      'commit, is a full one.',
    default: 'false',
  },
  {
    name: 'force',
    description:
      'Ask the model again even when the sticky comment already answers this head commit with the same ' +
      'prompt and parameters.',
    default: 'false',
  },
  {
    name: 'fail-on-error',
    description: 'Fail the step when the model call fails (the comment and annotation say why either way).',
    default: 'true',
  },
];

export const actionOutputs: readonly ActionOutput[] = [
  { name: 'text', description: 'The answer’s text.' },
  {
    name: 'response-file',
    description: 'Path of a file holding the answer (safer than `text` for multi-line use in shell steps).',
  },
  { name: 'json', description: 'The parsed answer, as JSON text, when `response-format` is `json_object`.' },
  { name: 'response-id', description: 'ModelStream’s id of the response (or background job).' },
  { name: 'prompt-tokens', description: 'Input tokens billed for this run (0 when skipped).' },
  { name: 'completion-tokens', description: 'Output tokens billed for this run, reasoning included.' },
  { name: 'total-tokens', description: 'All tokens billed for this run.' },
  {
    name: 'cost-usd',
    description: 'What this run’s answer cost in US dollars at the prices in force (0 when skipped).',
  },
  { name: 'price-source', description: 'The prices `cost-usd` was computed with, in words.' },
  { name: 'comment-url', description: 'URL of the pull request comment written or found.' },
  {
    name: 'skipped',
    description:
      '`true` when no model call was made because the comment already answers this head and prompt.',
  },
  {
    name: 'omitted-files',
    description: 'JSON array of `{ "path", "reason" }` for every file left out or truncated from the diff.',
  },
];
