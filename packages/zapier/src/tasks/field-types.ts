/**
 * The value types Extract Structured Data offers, declared once: the choice list, the words sent to the
 * model, the Zapier output type and the conversion of what the model answered all come from here.
 */
interface FieldType {
  label: string;
  /** How the model is told to write it. */
  instruction: string;
  /** The Zapier output type; none for a list (Zapier shows an array as line items). */
  zapierType?: 'string' | 'number' | 'integer' | 'boolean' | 'datetime';
  sample: unknown;
  /** The answer's value in this type, or undefined when it cannot be read as one. */
  convert(value: unknown): unknown;
}

const asNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const cleaned = value
    .trim()
    .replace(/[,\s](?=\d{3}\b)/g, '')
    .replace(/^\$/, '');
  if (cleaned === '' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
};

export const FIELD_TYPES = {
  string: {
    label: 'Text',
    instruction: 'a string',
    zapierType: 'string',
    sample: 'text',
    convert: (v) =>
      typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined,
  },
  number: {
    label: 'Number',
    instruction: 'a number (digits only, no units)',
    zapierType: 'number',
    sample: 1.5,
    convert: asNumber,
  },
  integer: {
    label: 'Whole Number',
    instruction: 'a whole number (digits only)',
    zapierType: 'integer',
    sample: 1,
    convert: (v) => {
      const n = asNumber(v);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    },
  },
  boolean: {
    label: 'True/False',
    instruction: 'true or false',
    zapierType: 'boolean',
    sample: true,
    convert: (v) => {
      if (typeof v === 'boolean') return v;
      const word = typeof v === 'string' ? v.trim().toLowerCase() : '';
      return ['true', 'yes'].includes(word) ? true : ['false', 'no'].includes(word) ? false : undefined;
    },
  },
  date: {
    label: 'Date',
    instruction: 'a date as YYYY-MM-DD',
    zapierType: 'datetime',
    sample: '2026-01-31',
    convert: (v) => {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return undefined;
      const date = new Date(`${v.trim()}T00:00:00Z`);
      return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v.trim()
        ? undefined
        : v.trim();
    },
  },
  list: {
    label: 'List of Texts',
    instruction: 'an array of strings',
    sample: ['one', 'two'],
    convert: (v) =>
      Array.isArray(v) && v.every((item) => ['string', 'number'].includes(typeof item))
        ? v.map(String)
        : typeof v === 'string'
          ? [v]
          : undefined,
  },
} satisfies Record<string, FieldType>;

/** The Zapier output type of a field type (none for lists). */
export const zapierTypeOf = (name: FieldTypeName): FieldType['zapierType'] =>
  (FIELD_TYPES[name] as FieldType).zapierType;

export type FieldTypeName = keyof typeof FIELD_TYPES;

export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES) as FieldTypeName[];

export const isFieldType = (value: string): value is FieldTypeName => value in FIELD_TYPES;
