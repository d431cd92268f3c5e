import { type Completion, formatCost } from '@modelstream-kit/core';
import { formatCount, shortSha } from '../format.js';
import { type Marker, renderMarker } from './marker.js';

/** GitHub refuses comment bodies over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536;
export const ANSWER_START = '<!-- modelstream-kit:answer:start -->';
export const ANSWER_END = '<!-- modelstream-kit:answer:end -->';
/** Ends an answer cut to fit a comment (a skipped rerun then fetches the whole answer by its job id). */
export const TRIMMED_NOTE =
  '_[The answer is longer than a comment allows: the full text is in the step summary and the `response-file` output.]_';

export interface CommentContext {
  modelLabel: string;
  modelId: string;
  reasoningEffort: string | undefined;
  head: string;
  startedAt: string;
  runUrl: string | undefined;
  /** The diff's manifest in Markdown (summarize mode), shown below the answer. */
  manifest?: string | undefined;
}

function header(ctx: CommentContext): string {
  const effort = ctx.reasoningEffort ? ` · reasoning effort \`${ctx.reasoningEffort}\`` : '';
  return `**${ctx.modelLabel}** (\`${ctx.modelId}\`)${effort} · head \`${shortSha(ctx.head)}\``;
}

function footer(ctx: CommentContext, extra: string[] = []): string {
  const run = ctx.runUrl ? [`[workflow run](${ctx.runUrl})`] : [];
  return `<sub>${[...extra, `started ${ctx.startedAt}`, ...run].join(' · ')}</sub>`;
}

function join(marker: Marker, parts: (string | undefined)[]): string {
  return [renderMarker(marker), ...parts.filter((p) => p !== undefined && p !== '')].join('\n\n');
}

export function inProgressComment(marker: Marker, ctx: CommentContext, note?: string): string {
  return join(marker, [
    header(ctx),
    `⏳ **In progress.** ${ctx.modelLabel} is working on head \`${shortSha(ctx.head)}\` (started ${ctx.startedAt}). ` +
      'This comment is edited in place when the answer arrives.',
    note,
    ctx.manifest,
    footer(ctx),
  ]);
}

export function usageTable(completion: Completion): string {
  const u = completion.usage;
  const rows = [
    ['Prompt tokens', u.prompt_tokens],
    ['Completion tokens', u.completion_tokens],
    ['of which reasoning', u.completion_tokens_details?.reasoning_tokens],
    ['Cached prompt tokens', u.prompt_tokens_details?.cached_tokens],
    ['Total tokens', u.total_tokens],
  ].filter(([, n]) => typeof n === 'number') as [string, number][];
  return [
    '| usage | tokens |',
    '| --- | ---: |',
    ...rows.map(([k, n]) => `| ${k} | ${formatCount(n)} |`),
  ].join('\n');
}

export function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** The answer, usage and reasoning summary; the answer is cut if the comment would pass GitHub's limit. */
export function answerComment(marker: Marker, ctx: CommentContext, completion: Completion): string {
  const rest = [
    details('Usage', usageTable(completion)),
    completion.reasoningSummary ? details('Reasoning summary', completion.reasoningSummary) : undefined,
    ctx.manifest,
    footer(ctx, [
      `${formatCount(completion.usage.total_tokens)} tokens`,
      ...(completion.cost ? [`${formatCost(completion.cost)} at ${completion.cost.source}`] : []),
      `response \`${completion.id}\``,
    ]),
  ];
  const build = (answer: string) => join(marker, [header(ctx), ANSWER_START, answer, ANSWER_END, ...rest]);
  let body = build(completion.text);
  if (body.length > MAX_COMMENT_CHARS) {
    const note = `\n\n${TRIMMED_NOTE}`;
    const room = completion.text.length - (body.length - MAX_COMMENT_CHARS) - note.length - 100;
    body = build(`${completion.text.slice(0, Math.max(0, room))}${note}`);
  }
  return body;
}

export function failureComment(marker: Marker, ctx: CommentContext, title: string, message: string): string {
  return join(marker, [
    header(ctx),
    `❌ **${title}**`,
    `> ${message.replace(/\n/g, '\n> ')}`,
    ctx.manifest,
    footer(ctx),
  ]);
}

/** The answer stored in a comment written by answerComment (for a skipped rerun's outputs). */
export function answerFromComment(body: string | null | undefined): string | undefined {
  return storedAnswer(body)?.text;
}

/** The answer stored in a comment, and whether it was cut to fit (its end is then missing). */
export function storedAnswer(
  body: string | null | undefined,
): { text: string; trimmed: boolean } | undefined {
  if (!body) return undefined;
  const start = body.indexOf(ANSWER_START);
  const end = body.lastIndexOf(ANSWER_END);
  if (start === -1 || end <= start) return undefined;
  const text = body.slice(start + ANSWER_START.length, end).trim();
  const trimmed = text.endsWith(TRIMMED_NOTE);
  return { text: trimmed ? text.slice(0, -TRIMMED_NOTE.length).trimEnd() : text, trimmed };
}
