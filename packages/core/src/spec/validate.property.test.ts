import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/v4';
import { buildRequestBody } from '../client/request-body.js';
import { ValidationError } from '../errors/validation-error.js';
import { gpt54Pro } from './gpt-5.4-pro.js';
import type { ParamSpec } from './param-spec.js';
import { type ModelParams, validateParams } from './validate.js';

const model = gpt54Pro;
const known: readonly string[] = model.params.map((p) => p.name);
// Bounded by count: enough runs to meet every branch (the tallies below check both outcomes), cheap
// enough to finish in about a second on a busy 2-core machine, with coverage on. A failure prints its
// seed; replay it with fc.assert(..., { seed, path }).
const RUNS = 400;
/** Shallow JSON values: deep nesting costs generation time and exercises nothing validateParams reads. */
const json = fc.jsonValue({ maxDepth: 2 });

/** The text limit the spec's schema carries (zod exposes it), so generated text stays inside it. */
function maxLengthOf(param: ParamSpec): number {
  const limit = (param.schema as Partial<z.ZodString>).maxLength;
  return typeof limit === 'number' ? limit : 500;
}

const imageUrl = fc.oneof(
  fc.webUrl({ validSchemes: ['https', 'http'] }),
  fc
    .tuple(fc.constantFrom('png', 'jpeg', 'webp', 'gif'), fc.base64String({ minLength: 4, maxLength: 80 }))
    .map(([type, data]) => `data:image/${type};base64,${data}`),
);

/** A valid value for one parameter, derived only from its spec entry (kind, choices, min/max). */
function validValue(param: ParamSpec): fc.Arbitrary<unknown> {
  switch (param.kind) {
    case 'text':
    case 'long-text': {
      const text = fc.string({ maxLength: maxLengthOf(param), unit: 'grapheme-composite' });
      return param.required ? text.filter((s) => s.trim().length > 0) : text;
    }
    case 'choice':
      return fc.constantFrom(...(param.choices ?? []).map((c) => c.value));
    case 'integer':
      return fc.integer({ min: param.min ?? 0, max: param.max ?? 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'url-list':
      return fc.array(imageUrl, { maxLength: 5 });
  }
}

const validInput = fc.record(
  Object.fromEntries(model.params.map((p) => [p.name, validValue(p)])) as Record<
    string,
    fc.Arbitrary<unknown>
  >,
  { requiredKeys: model.params.filter((p) => p.required).map((p) => p.name) },
);

// Any JSON value, plus the non-JSON values a careless adapter may pass through.
const anyValue = fc.oneof(
  { weight: 6, arbitrary: json },
  { weight: 1, arbitrary: fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0) },
  { weight: 2, arbitrary: fc.oneof(...model.params.map(validValue)) },
  { weight: 1, arbitrary: fc.array(fc.oneof(imageUrl, json), { maxLength: 4 }) },
);

const anyKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...known) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('temperature', 'messages', 'model', 'toString', 'constructor', 'PROMPT'),
  },
);

const randomInput = fc.dictionary(anyKey, anyValue, { maxKeys: 10 });

// A valid input with a few keys overwritten by anything: most random dictionaries miss the prompt, so
// this keeps both outcomes (a body and a ValidationError) well exercised.
const nearlyValidInput = fc
  .tuple(validInput, fc.dictionary(anyKey, anyValue, { maxKeys: 2 }))
  .map(([valid, changes]) => ({ ...valid, ...changes }));

const anyInput = fc.oneof(randomInput, nearlyValidInput);

// JSON.parse makes own `__proto__` keys, the way a body read off the wire would.
const hostileInput = fc
  .tuple(anyInput, anyValue)
  .map(([input, value]) => ({ ...input, ...JSON.parse(`{"__proto__": ${JSON.stringify(value ?? null)}}`) }));

function outcomeOf(input: Record<string, unknown>): { body: ModelParams } | { error: unknown } {
  try {
    return { body: validateParams(model, input) };
  } catch (error) {
    return { error };
  }
}

const tally = { body: 0, error: 0 };

function checkOutcome(input: Record<string, unknown>): void {
  const outcome = outcomeOf(input);
  tally['body' in outcome ? 'body' : 'error']++;
  if ('body' in outcome) {
    const { body } = outcome;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    // node:assert in the loops: vitest's expect costs more than the validation it checks, per call.
    for (const [key, value] of Object.entries(body)) {
      assert.ok(known.includes(key), `unknown key ${JSON.stringify(key)} in the body`);
      assert.notEqual(value, null);
      assert.notEqual(value, undefined);
      assert.equal(value, input[key]);
    }
    expect(typeof body.prompt).toBe('string');
    expect(validateParams(model, body)).toEqual(body);
    const request = buildRequestBody(model, body);
    expect(JSON.parse(JSON.stringify(request))).toEqual(request);
    expect(request.model).toBe(model.id);
    return;
  }
  const { error } = outcome;
  expect(error).toBeInstanceOf(ValidationError);
  const issues = (error as ValidationError).issues;
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    // The field is a spec name (`image_urls[2]` for an item) or, for an unknown key, that key exactly
    // (which may be any string a caller used, even the empty one).
    assert.equal(typeof issue.field, 'string');
    const base = issue.field.replace(/\[\d+\]$/, '');
    assert.ok(known.includes(base) || Object.hasOwn(input, issue.field), `field ${issue.field}`);
    // An empty key is quoted, so the message never starts with a bare colon.
    assert.ok(issue.message.startsWith(`${issue.field === '' ? '""' : issue.field}: `), issue.message);
    assert.ok(issue.allowed.length > 0, `no allowed values for ${issue.field}`);
  }
}

describe('validateParams over any input (property)', () => {
  it('returns a body that re-validates with only known keys, or a ValidationError naming each field', () => {
    tally.body = tally.error = 0;
    fc.assert(fc.property(anyInput, checkOutcome), { numRuns: RUNS });
    expect(tally.body).toBeGreaterThan(RUNS / 20);
    expect(tally.error).toBeGreaterThan(RUNS / 20);
  });

  it('never crashes on own __proto__ keys and never lets them through', () => {
    fc.assert(fc.property(hostileInput, checkOutcome), { numRuns: RUNS / 4 });
  });

  it('accepts every input generated from the spec, unchanged', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const body = validateParams(model, input);
        expect(body).toEqual(input);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a valid input with one unknown key added, naming that key alone', () => {
    const unknownKey = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !known.includes(k) && k !== '__proto__');
    fc.assert(
      fc.property(validInput, unknownKey, json, (input, key, value) => {
        fc.pre(value !== null);
        const outcome = outcomeOf({ ...input, [key]: value });
        expect('error' in outcome && outcome.error).toBeInstanceOf(ValidationError);
        const issues = (outcome as { error: ValidationError }).error.issues;
        expect(issues.map((i) => i.field)).toEqual([key]);
      }),
      { numRuns: RUNS / 4 },
    );
  });
});
