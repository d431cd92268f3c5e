import { listInWords, ValidationError } from '@modelstream-kit/core';
import type { PullRequest } from '../github/pull-request.js';

/** What placeholders can draw on; the diff and files are read only when a placeholder asks for them. */
export interface PlaceholderSource {
  pr: PullRequest | undefined;
  repository: string | undefined;
  eventName: string | undefined;
  diff: (() => Promise<string>) | undefined;
  readFile: (path: string) => Promise<string>;
}

const PR_FIELDS: Record<string, (pr: PullRequest) => string> = {
  'pr.number': (pr) => String(pr.number),
  'pr.title': (pr) => pr.title,
  'pr.body': (pr) => pr.body,
  'pr.author': (pr) => pr.author,
  'pr.url': (pr) => pr.url,
  'pr.base': (pr) => pr.base.ref,
  'pr.base_sha': (pr) => pr.base.sha,
  'pr.head': (pr) => pr.head.ref,
  'pr.head_sha': (pr) => pr.head.sha,
};

export const PLACEHOLDERS = [...Object.keys(PR_FIELDS), 'repo', 'event', 'diff', 'file:<path>'];

const PATTERN = /\{\{\s*([^{}]+?)\s*\}\}/g;

function invalid(name: string, message: string): ValidationError {
  return new ValidationError([
    {
      field: 'prompt',
      value: `{{${name}}}`,
      allowed: listInWords(PLACEHOLDERS.map((p) => `{{${p}}}`)),
      message,
    },
  ]);
}

/** The placeholders a template uses, in order of appearance. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PATTERN)].map((m) => m[1]!);
}

/**
 * Fills `{{...}}` placeholders in one pass: text that a value brings in (a pull request body holding
 * `{{file:...}}`) is never expanded again. Unknown names fail before any request, naming what exists.
 */
export async function expandPlaceholders(template: string, source: PlaceholderSource): Promise<string> {
  const values = new Map<string, string>();
  for (const name of new Set(placeholdersIn(template))) {
    values.set(name, await placeholderValue(name, source));
  }
  return template.replace(PATTERN, (_, name: string) => values.get(name.trim()) ?? '');
}

async function placeholderValue(name: string, source: PlaceholderSource): Promise<string> {
  const field = PR_FIELDS[name];
  if (field) {
    if (!source.pr) {
      throw invalid(
        name,
        `prompt: {{${name}}} needs a pull request (a pull_request event, or the pull-request input)`,
      );
    }
    return field(source.pr);
  }
  if (name === 'repo') return source.repository ?? '';
  if (name === 'event') return source.eventName ?? '';
  if (name === 'diff') {
    if (!source.diff) {
      throw invalid(name, 'prompt: {{diff}} needs a pull request or the diff-file input');
    }
    return source.diff();
  }
  if (name.startsWith('file:')) return source.readFile(name.slice('file:'.length).trim());
  throw invalid(
    name,
    `prompt: {{${name}}} is not a known placeholder; use ${listInWords(PLACEHOLDERS.map((p) => `{{${p}}}`))}`,
  );
}
