import type { ModelSpec } from '@modelstream-kit/core';
import { ADAPTER_OWNED, fieldParams, IMAGE_FILES, maxCostField, toInputField } from './fields.js';
import { jsonExampleField } from './json-example.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's field table, generated from the spec (a test fails when the committed one drifts). */
export function fieldsMarkdown(model: ModelSpec): string {
  const rows = ['| Field (key) | Zapier type | Shown | Allowed |', '| --- | --- | --- | --- |'];
  for (const param of fieldParams(model)) {
    const field = toInputField(param);
    const type = `${field.type}${field.list ? ' (list)' : ''}${field.required ? ', required' : ''}`;
    const shown = param.group === 'basic' ? 'always' : 'advanced';
    rows.push(`| ${param.label} (\`${param.name}\`) | ${type} | ${shown} | ${cell(param.allowed)} |`);
    if (param.choices?.some((c) => c.value === 'json_object')) {
      rows.push(
        `| ${jsonExampleField.label} (\`${jsonExampleField.key}\`) | text | advanced | a JSON object; its keys become \`json__\` fields in the Zap editor (not sent) |`,
      );
    }
    if (param.role === 'images') {
      rows.push(
        `| Image Files (\`${IMAGE_FILES}\`) | file (list) | advanced | files from earlier steps, sent inline; counted with Image URLs |`,
      );
    }
  }
  rows.push(
    `| ${maxCostField.label} (\`${maxCostField.key}\`) | number | always | an amount in US dollars above 0; checked on the worst case before any request |`,
  );
  const owned = [...ADAPTER_OWNED].map((n) => `\`${n}\``).join(' and ');
  return `${rows.join('\n')}\n\nNot fields: ${owned} (this app always runs a background job and Zapier cannot stream).`;
}
