import * as z from 'zod/v4';
import type { ParamChoice, ParamGroup, ParamRole, ParamSpec } from './param-spec.js';
import { formatInteger, listInWords } from './words.js';

interface Common<N extends string> {
  name: N;
  label: string;
  description: string;
  group: ParamGroup;
  role?: ParamRole;
  placeholder?: string;
}

export function textParam<const N extends string, R extends boolean = false>(
  p: Common<N> & { required?: R; maxLength?: number; long?: boolean; default?: string },
): ParamSpec<N, z.ZodString, NoInfer<R>> {
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

type EnumOf<C extends readonly ParamChoice[]> = z.ZodEnum<{ [V in C[number]['value']]: V }>;

export function choiceParam<const N extends string, const C extends readonly ParamChoice[]>(
  p: Common<N> & { choices: C; default?: C[number]['value'] },
): ParamSpec<N, EnumOf<C>, false> {
  const values = p.choices.map((c) => c.value);
  return {
    ...p,
    kind: 'choice',
    allowed: listInWords(values),
    schema: z.enum(values as [string, ...string[]]) as unknown as EnumOf<C>,
  };
}

export function integerParam<const N extends string>(
  p: Common<N> & { min: number; max: number; default?: number },
): ParamSpec<N, z.ZodNumber, false> {
  return {
    ...p,
    kind: 'integer',
    allowed: `a whole number from ${formatInteger(p.min)} to ${formatInteger(p.max)}`,
    schema: z.number().int().min(p.min).max(p.max),
  };
}

export function booleanParam<const N extends string>(
  p: Common<N> & { default?: boolean },
): ParamSpec<N, z.ZodBoolean, false> {
  return { ...p, kind: 'boolean', allowed: 'true or false', schema: z.boolean() };
}

const IMAGE_URL = /^(https?:\/\/[^\s]+|data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]+)$/i;

export function imageUrlListParam<const N extends string>(
  p: Common<N> & { maxItems: number; maxItemBytes: number },
): ParamSpec<N, z.ZodArray<z.ZodString>, false> {
  return {
    ...p,
    kind: 'url-list',
    allowed: `a list of up to ${p.maxItems} http(s) URLs or data:image/... URLs`,
    schema: z.array(z.string().regex(IMAGE_URL)).max(p.maxItems),
  };
}
