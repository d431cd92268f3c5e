import type { ValidationIssue } from '@modelstream-kit/core';
import { listInWords } from '@modelstream-kit/core';
import type { PlainInputField } from 'zapier-platform-core';
import { fenced, issue, readText, type Task, textField, throwIssues } from './task.js';

/** The lengths offered, declared once: the choice list and the words sent to the model. */
export const SUMMARY_LENGTHS = {
  one_sentence: { label: 'One sentence', instruction: 'in one sentence' },
  short: { label: 'Short (2-3 sentences)', instruction: 'in two or three sentences' },
  paragraph: { label: 'One paragraph', instruction: 'in one paragraph' },
  bullets: {
    label: 'Bullet points (3-7)',
    instruction: 'as three to seven bullet points starting with "- "',
  },
  detailed: {
    label: 'Detailed (several paragraphs)',
    instruction: 'in several paragraphs, keeping every key point',
  },
} as const;

type LengthName = keyof typeof SUMMARY_LENGTHS;
const LENGTH_NAMES = Object.keys(SUMMARY_LENGTHS) as LengthName[];
const DEFAULT_LENGTH: LengthName = 'short';

export interface SummarizeSpec {
  length: LengthName;
  audience: string;
}

const lengthInput: PlainInputField = {
  key: 'length',
  label: 'Length',
  type: 'string',
  required: false,
  default: DEFAULT_LENGTH,
  choices: LENGTH_NAMES.map((name) => ({ value: name, sample: name, label: SUMMARY_LENGTHS[name].label })),
};

const audienceInput: PlainInputField = {
  key: 'audience',
  label: 'Audience',
  type: 'string',
  required: false,
  placeholder: 'the sales team, no jargon',
  helpText: 'Who the summary is for; it sets the words and what matters. Up to 200 characters.',
};

/** A summary of a given length for a given audience. */
export const summarizeTask: Task<SummarizeSpec> = {
  name: 'summarize',
  inputFields: [textField, lengthInput, audienceInput],
  specFrom(inputData) {
    const issues: ValidationIssue[] = [];
    readText(inputData, issues);
    const length = String(inputData.length ?? '').trim() || DEFAULT_LENGTH;
    if (!(length in SUMMARY_LENGTHS)) {
      issues.push(
        issue(
          'length',
          inputData.length,
          listInWords(LENGTH_NAMES),
          `length: ${JSON.stringify(inputData.length)} is not allowed; use ${listInWords(LENGTH_NAMES)}`,
        ),
      );
    }
    const audience = String(inputData.audience ?? '').trim();
    if (audience.length > 200) {
      issues.push(
        issue(
          'audience',
          audience.slice(0, 40),
          'at most 200 characters',
          `audience: ${audience.length} characters is too long; use at most 200`,
        ),
      );
    }
    throwIssues(issues);
    return { length: length as LengthName, audience };
  },
  params(spec, inputData) {
    return {
      system_prompt:
        `Summarize the text the user gives ${SUMMARY_LENGTHS[spec.length].instruction}` +
        `${spec.audience ? `, for this audience: ${spec.audience}` : ''}. Keep to what the text says; answer with the summary only.`,
      prompt: fenced(String(inputData.text)),
    };
  },
  read: (_spec, answer) => ({ fields: { summary: answer.text.trim() }, problems: [] }),
  outputFields: () => [{ key: 'summary', label: 'Summary' }],
  sample: () => ({ summary: 'Sample summary: the report finds sales up 4% on the quarter.' }),
};
