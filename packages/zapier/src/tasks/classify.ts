import { listInWords, type ValidationIssue } from '@modelstream-kit/core';
import type { PlainInputField } from 'zapier-platform-core';
import { fenced, issue, readText, type Task, textField, throwIssues } from './task.js';

export interface ClassifySpec {
  categories: string[];
}

const MAX_CATEGORIES = 100;

const categoriesInput: PlainInputField = {
  key: 'categories',
  label: 'Categories',
  type: 'string',
  list: true,
  required: true,
  helpText:
    'The categories to choose from, one per line (at least two). The answer is always one of them, exactly as ' +
    'written here; an answer outside the list is reported, not passed on.',
};

function readCategories(value: unknown, issues: ValidationIssue[]): string[] {
  const items = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])
    .flatMap((v) => (typeof v === 'string' ? v.split('\n') : [String(v)]))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const unique = [...new Set(items)];
  if (unique.length < 2 || unique.length > MAX_CATEGORIES) {
    issues.push(
      issue(
        'categories',
        value,
        `2 to ${MAX_CATEGORIES} different categories`,
        `categories: ${unique.length} given; use 2 to ${MAX_CATEGORIES} different categories`,
      ),
    );
  }
  if (unique.length !== items.length) {
    issues.push(
      issue(
        'categories',
        value,
        'each category once',
        'categories: a category is listed twice; list each once',
      ),
    );
  }
  return unique;
}

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^["'“”]+|["'“”.]+$/g, '');

/** One category out of the user's list, validated, with a short reason. */
export const classifyTask: Task<ClassifySpec> = {
  name: 'classify',
  inputFields: [textField, categoriesInput],
  specFrom(inputData) {
    const issues: ValidationIssue[] = [];
    readText(inputData, issues);
    const categories = readCategories(inputData.categories, issues);
    throwIssues(issues);
    return { categories };
  },
  params(spec, inputData) {
    return {
      system_prompt:
        'You classify the text the user gives into exactly one of these categories:\n' +
        `${spec.categories.map((c) => `- ${JSON.stringify(c)}`).join('\n')}\n` +
        'Answer with one JSON object: {"category": the chosen category exactly as written above, "reason": one short sentence why}.',
      prompt: fenced(String(inputData.text)),
      response_format: 'json_object',
    };
  },
  read(spec, answer) {
    const json = answer.json as Record<string, unknown> | undefined;
    const given = typeof json?.category === 'string' ? json.category : '';
    const category = spec.categories.find((c) => fold(c) === fold(given)) ?? '';
    const reason = typeof json?.reason === 'string' ? json.reason.trim() : '';
    const problems = category
      ? []
      : [
          given
            ? `the model answered ${JSON.stringify(given.slice(0, 80))}, which is not one of ${listInWords(spec.categories.map((c) => JSON.stringify(c)))}`
            : 'the answer names no category',
        ];
    return { fields: { category, reason, answered_category: given }, problems };
  },
  outputFields: () => [
    { key: 'category', label: 'Category (one of the list; empty when the answer was not)' },
    { key: 'reason', label: 'Reason' },
    { key: 'answered_category', label: 'Category as Answered' },
  ],
  sample: (spec) => ({
    category: spec?.categories[0] ?? 'Billing',
    reason: 'Sample reason: the text asks about an invoice.',
    answered_category: spec?.categories[0] ?? 'Billing',
  }),
};
