import type { Resolved } from '../client.js';
import { classifyTask } from '../tasks/classify.js';
import { extractTask } from '../tasks/extract.js';
import { summarizeTask } from '../tasks/summarize.js';
import { taskActionFor } from './task-action.js';

const pending =
  'When the answer takes longer than a Zap step may, it returns the job; a Find Completion step with its Job ID and Task collects it.';

export const extractStructuredDataFor = (options: Resolved) =>
  taskActionFor(options, extractTask, {
    key: 'extract_structured_data',
    noun: 'Structured Data',
    label: 'Extract Structured Data',
    description: `Extracts the fields you list from a text with ${options.model.label}, each checked, typed and mappable. ${pending}`,
  });

export const classifyTextFor = (options: Resolved) =>
  taskActionFor(options, classifyTask, {
    key: 'classify_text',
    noun: 'Classification',
    label: 'Classify Text',
    description: `Puts a text into one of your categories with ${options.model.label}, with a short reason. ${pending}`,
  });

export const summarizeFor = (options: Resolved) =>
  taskActionFor(options, summarizeTask, {
    key: 'summarize_text',
    noun: 'Summary',
    label: 'Summarize Text',
    description: `Summarizes a text at the length and for the audience you choose, with ${options.model.label}. ${pending}`,
  });
