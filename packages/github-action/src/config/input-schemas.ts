import { listInWords } from '@modelstream-kit/core';
import * as z from 'zod';
import { COMMENT_MODES, MODES } from '../action-inputs.js';

/** One input's rule: a zod schema over its raw text, and what is allowed in words (for the message). */
export interface InputRule<T> {
  schema: z.ZodType<T, string>;
  allowed: string;
}

const rule = <T>(allowed: string, schema: z.ZodType<T, string>): InputRule<T> => ({ schema, allowed });
const trimmed = z.string().transform((text) => text.trim());
/** Empty text is "not set": the fallback (GitHub passes '' for an input without a default). */
const orDefault = <T>(fallback: T) => trimmed.transform((text) => (text === '' ? fallback : text));

export const TRUE_WORDS = ['true', 'yes', '1', 'on'];
export const FALSE_WORDS = ['false', 'no', '0', 'off', ''];

export const booleanRule = rule(
  'true or false',
  trimmed
    .transform((text) => text.toLowerCase())
    .pipe(z.enum([...TRUE_WORDS, ...FALSE_WORDS]))
    .transform((text) => TRUE_WORDS.includes(text)),
);

export const choiceRule = <T extends string>(values: readonly [T, ...T[]], fallback: T | undefined) =>
  rule(listInWords(values), orDefault(fallback).pipe(z.enum(values).optional()));

export const wholeNumberRule = (max: number) =>
  rule(
    `a whole number from 1 to ${max}`,
    orDefault<string | undefined>(undefined).pipe(
      z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(max)).optional(),
    ),
  );

/** A decimal amount above 0 (fractions allowed), at most `max`. */
export const amountRule = (allowed: string, min: number, max: number) =>
  rule(
    allowed,
    orDefault<string | undefined>(undefined).pipe(
      z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number)
        .pipe(z.number().min(min).max(max))
        .optional(),
    ),
  );

export const modeRule = choiceRule(MODES, undefined);
export const commentRule = choiceRule(COMMENT_MODES, 'sticky');
export const commentKeyRule = rule(
  'up to 64 letters, digits, dots, dashes or underscores',
  trimmed.pipe(z.string().regex(/^[A-Za-z0-9._-]{0,64}$/)),
);
/** Minutes, fractions allowed (0.5 = 30 s), from 0.05 to 360 (a job's longest run on GitHub's runners). */
export const timeoutRule = amountRule('a number of minutes from 0.05 to 360', 0.05, 360);
export const maxCostRule = amountRule('an amount in US dollars above 0, e.g. 2.50', 1e-6, 1e6);
export const priceMultiplierRule = amountRule('a number above 0 (1 = list prices)', 1e-6, 1e6);
export const jobPathRule = rule(
  'a path starting with / that contains {id}, e.g. /v1/chat/completions/{id}',
  orDefault<string | undefined>(undefined).pipe(
    z
      .string()
      .regex(/^\/\S*\{id\}\S*$/)
      .optional(),
  ),
);
