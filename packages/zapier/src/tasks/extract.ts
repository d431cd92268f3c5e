import type { ValidationIssue } from '@modelstream-kit/core';
import { listInWords } from '@modelstream-kit/core';
import type { PlainInputField } from 'zapier-platform-core';
import {
  FIELD_TYPE_NAMES,
  FIELD_TYPES,
  type FieldTypeName,
  isFieldType,
  zapierTypeOf,
} from './field-types.js';
import { fenced, issue, readText, type Task, textField, throwIssues } from './task.js';

export interface ExtractField {
  name: string;
  type: FieldTypeName;
  description: string;
}

export interface ExtractSpec {
  fields: ExtractField[];
}

const MAX_FIELDS = 50;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A field's output key: each extracted value is its own mappable field. */
export const dataKey = (name: string) => `data__${name}`;

const fieldsInput: PlainInputField = {
  key: 'fields',
  label: 'Fields to Extract',
  required: true,
  // Zapier's schema allows no helpText beside children: the help sits on the Name column.
  children: [
    {
      key: 'name',
      label: 'Name',
      type: 'string',
      required: true,
      placeholder: 'invoice_total',
      helpText:
        'One line per field: its Name (letters, digits and _, e.g. `invoice_total`), its Type and what it ' +
        'means. The answer has exactly these keys, each checked and converted to its type, and each becomes ' +
        'its own field for later steps (`data__name`).',
    },
    {
      key: 'type',
      label: 'Type',
      type: 'string',
      required: false,
      default: 'string',
      choices: FIELD_TYPE_NAMES.map((name) => ({
        value: name,
        sample: name,
        label: FIELD_TYPES[name].label,
      })),
    },
    {
      key: 'description',
      label: 'Description',
      type: 'string',
      required: false,
      placeholder: 'The amount due, in the invoice currency',
    },
  ],
};

/** Line items as Zapier hands them over: an array of objects (or its JSON, when mapped as text). */
function lineItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      const parsed = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // reported below as not a field list
    }
  }
  return value === undefined || value === null || value === '' ? [] : [value];
}

export function readExtractFields(value: unknown, issues: ValidationIssue[]): ExtractField[] {
  const items = lineItems(value);
  const fields: ExtractField[] = [];
  const seen = new Set<string>();
  if (items.length === 0) {
    issues.push(
      issue('fields', value, 'at least one field', 'fields: is required; add at least one field to extract'),
    );
  }
  if (items.length > MAX_FIELDS) {
    issues.push(
      issue(
        'fields',
        items.length,
        `at most ${MAX_FIELDS} fields`,
        `fields: ${items.length} fields is too many; use at most ${MAX_FIELDS}`,
      ),
    );
  }
  items.forEach((item, i) => {
    const line = (item ?? {}) as Record<string, unknown>;
    const name = String(line.name ?? '').trim();
    const type = String(line.type ?? '').trim() || 'string';
    if (!NAME.test(name)) {
      issues.push(
        issue(
          `fields[${i}].name`,
          line.name,
          'letters, digits and _ (starting with a letter), at most 64',
          `fields[${i}].name: ${JSON.stringify(line.name ?? '')} is not allowed; use letters, digits and _ starting with a letter, such as invoice_total`,
        ),
      );
    } else if (seen.has(name)) {
      issues.push(
        issue(
          `fields[${i}].name`,
          name,
          'a name not used before',
          `fields[${i}].name: "${name}" is used twice; give each field its own name`,
        ),
      );
    }
    if (!isFieldType(type)) {
      issues.push(
        issue(
          `fields[${i}].type`,
          line.type,
          listInWords(FIELD_TYPE_NAMES),
          `fields[${i}].type: ${JSON.stringify(line.type)} is not allowed; use ${listInWords(FIELD_TYPE_NAMES)}`,
        ),
      );
    }
    seen.add(name);
    fields.push({
      name,
      type: isFieldType(type) ? type : 'string',
      description: String(line.description ?? '').trim(),
    });
  });
  return fields;
}

/** Structured data out of a text: a JSON object with exactly the user's keys, typed and checked. */
export const extractTask: Task<ExtractSpec> = {
  name: 'extract',
  inputFields: [textField, fieldsInput],
  specFrom(inputData) {
    const issues: ValidationIssue[] = [];
    readText(inputData, issues);
    const fields = readExtractFields(inputData.fields, issues);
    throwIssues(issues);
    return { fields };
  },
  params(spec, inputData) {
    const keys = spec.fields.map(
      (f) => `- "${f.name}": ${FIELD_TYPES[f.type].instruction}${f.description ? ` — ${f.description}` : ''}`,
    );
    return {
      system_prompt:
        'You extract data from the text the user gives. Answer with one JSON object that has exactly these keys ' +
        `and no others:\n${keys.join('\n')}\nUse null for a value the text does not give. Do not guess.`,
      prompt: fenced(String(inputData.text)),
      response_format: 'json_object',
    };
  },
  read(spec, answer) {
    const json = answer.json;
    const object =
      json !== null && typeof json === 'object' && !Array.isArray(json)
        ? (json as Record<string, unknown>)
        : {};
    const fields: Record<string, unknown> = {};
    const missing: string[] = [];
    const invalid: string[] = [];
    for (const field of spec.fields) {
      const value = object[field.name];
      if (value === undefined || value === null || value === '') {
        missing.push(field.name);
        fields[dataKey(field.name)] = null;
        continue;
      }
      const converted = FIELD_TYPES[field.type].convert(value);
      if (converted === undefined) {
        invalid.push(
          `${field.name} (${JSON.stringify(value).slice(0, 60)} is not ${FIELD_TYPES[field.type].instruction})`,
        );
        fields[dataKey(field.name)] = null;
      } else fields[dataKey(field.name)] = converted;
    }
    const extra = Object.keys(object).filter((k) => !spec.fields.some((f) => f.name === k));
    const problems = [
      ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
      ...(invalid.length ? [`not of their type: ${invalid.join('; ')}`] : []),
      ...(extra.length ? [`keys not asked for (dropped): ${extra.join(', ')}`] : []),
    ];
    return {
      fields: { ...fields, missing_fields: missing.join(', '), invalid_fields: invalid.join('; ') },
      problems,
    };
  },
  outputFields(spec) {
    return [
      ...(spec?.fields ?? []).map((f) => ({
        key: dataKey(f.name),
        label: `Data: ${f.name}${f.description ? ` (${f.description})` : ''}`,
        ...(zapierTypeOf(f.type) ? { type: zapierTypeOf(f.type) } : {}),
      })),
      { key: 'missing_fields', label: 'Missing Fields (not in the answer)' },
      { key: 'invalid_fields', label: 'Invalid Fields (not of their type)' },
    ];
  },
  sample(spec) {
    const fields: Record<string, unknown> = {};
    for (const f of spec?.fields ?? []) fields[dataKey(f.name)] = FIELD_TYPES[f.type].sample;
    return { ...fields, missing_fields: '', invalid_fields: '' };
  },
};
