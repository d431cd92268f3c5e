import type { ModelSpec } from '@modelstream-kit/core';
import type { INodeProperties } from 'n8n-workflow';
import { fieldName } from '../nodes/ModelStream/spec-properties';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Columns padded to their widest cell, as the repo's formatter (biome) writes Markdown tables. */
function alignTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The README's table of fields, rendered from the spec and the node's own options. */
export function fieldsTable(model: ModelSpec, options: readonly INodeProperties[]): string {
  const rows: string[][] = [];
  for (const param of model.params) {
    const where = param.group === 'basic' ? 'shown' : 'Options';
    const allowed =
      param.kind === 'choice'
        ? (param.choices ?? []).map((c) => `${c.label} (\`${c.value}\`)`).join(', ')
        : param.allowed;
    rows.push([cell(param.label), where, cell(allowed), cell(param.description)]);
  }
  const specNames = new Set(model.params.map(fieldName));
  for (const option of options.filter((o) => !specNames.has(o.name))) {
    const { minValue, maxValue } = option.typeOptions ?? {};
    const limits =
      minValue === undefined
        ? 'names, comma-separated'
        : maxValue === undefined
          ? `${minValue} or more (default ${option.default})`
          : `${minValue} to ${maxValue} (default ${option.default})`;
    rows.push([cell(option.displayName), 'Options', limits, cell(option.description ?? '')]);
  }
  return alignTable(['Field', 'Where', 'Allowed', 'What it does'], rows);
}
