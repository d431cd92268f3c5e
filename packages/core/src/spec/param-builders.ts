import { z } from 'zod/v4';
import type { ParamChoice, ParamGroup, ParamSpec } from './param-spec.js';
import { formatInteger, listInWords } from './words.js';

interface Common {
  name: string;
  label: string;
  description: string;
  group: ParamGroup;
  placeholder?: string;
}

export function textParam(
  p: Common & { required?: boolean; maxLength?: number; long?: boolean; default?: string },
): ParamSpec {
  let schema = z.string();
  if (p.required) schema = schema.refine((s) => s.trim().length > 0) as unknown as z.ZodString;
  if (p.maxLength !== undefined) schema = schema.max(p.maxLength);
  const allowed = [
    p.required ? 'a non-empty string' : 'a string',
    p.maxLength !== undefined ? `of at most ${formatInteger(p.maxLength)} characters` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    ...p,
    kind: p.long ? 'long-text' : 'text',
    allowed,
    schema,
  };
}

export function choiceParam(p: Common & { choices: readonly ParamChoice[]; default?: string }): ParamSpec {
  const values = p.choices.map((c) => c.value);
  return {
    ...p,
    kind: 'choice',
    allowed: listInWords(values),
    schema: z.enum(values as [string, ...string[]]),
  };
}

export function integerParam(p: Common & { min: number; max: number; default?: number }): ParamSpec {
  return {
    ...p,
    kind: 'integer',
    allowed: `a whole number from ${formatInteger(p.min)} to ${formatInteger(p.max)}`,
    schema: z.number().int().min(p.min).max(p.max),
  };
}

export function booleanParam(p: Common & { default?: boolean }): ParamSpec {
  return { ...p, kind: 'boolean', allowed: 'true or false', schema: z.boolean() };
}

const IMAGE_URL = /^(https?:\/\/[^\s]+|data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]+)$/i;

export function imageUrlListParam(p: Common & { maxItems: number }): ParamSpec {
  return {
    ...p,
    kind: 'url-list',
    allowed: `a list of up to ${p.maxItems} http(s) URLs or data:image/... URLs`,
    schema: z.array(z.string().regex(IMAGE_URL)).max(p.maxItems),
  };
}
