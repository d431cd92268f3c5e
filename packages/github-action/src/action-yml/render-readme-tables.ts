import type { ModelSpec } from '@modelstream-kit/core';
import { actionOutputs } from '../action-inputs.js';
import { actionInputList } from './input-list.js';

export const INPUTS_START = '<!-- generated:inputs:start -->';
export const INPUTS_END = '<!-- generated:inputs:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's inputs and outputs tables, from the same list as action.yml. */
export function renderReadmeTables(model: ModelSpec): string {
  const inputs = actionInputList(model).map(
    (i) =>
      `| \`${i.name}\` | ${i.required ? 'yes' : ''} | ${i.default === undefined ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
  );
  const outputs = actionOutputs.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`);
  return [
    INPUTS_START,
    '',
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '| output | description |',
    '| --- | --- |',
    ...outputs,
    '',
    INPUTS_END,
  ].join('\n');
}

/** The README with its generated section replaced. */
export function replaceReadmeTables(readme: string, model: ModelSpec): string {
  const start = readme.indexOf(INPUTS_START);
  const end = readme.indexOf(INPUTS_END);
  if (start === -1 || end < start)
    throw new Error(`README: the ${INPUTS_START} ... ${INPUTS_END} section is missing`);
  return readme.slice(0, start) + renderReadmeTables(model) + readme.slice(end + INPUTS_END.length);
}
