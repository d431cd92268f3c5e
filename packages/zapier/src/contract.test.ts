import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { useZapier } from './test-utils/harness.js';

// Every action: its sample, its declared output fields and what perform really returns agree, in keys
// and in types, so what the Zap editor offers to map is what a live run gives.
const h = useZapier({ budgetMs: 10_000 });
type Field = { key: string; type?: string };
type Operation = {
  perform: (z: ZObject, b: Bundle) => Promise<unknown>;
  sample: Record<string, unknown>;
  outputFields?: (Field | ((z: ZObject, b: Bundle) => Promise<Field[]>))[];
};

const fields = [
  { name: 'emulator', type: 'boolean' },
  { name: 'images', type: 'integer' },
  { name: 'model' },
];
/** A real input per action (the emulator answers in 20 ms). */
const inputs: Record<string, Record<string, unknown>> = {
  send_prompt: { prompt: 'x [emulator:job-ms=20]' },
  start_background_completion: { prompt: 'x [emulator:job-ms=20]' },
  extract_structured_data: { text: 'x [emulator:job-ms=20]', fields },
  classify_text: { text: 'x [emulator:job-ms=20]', categories: ['A', 'B'] },
  summarize_text: { text: 'x [emulator:job-ms=20]', length: 'short' },
};

const typeOk = (type: string | undefined, value: unknown) => {
  if (value === null) return true;
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
    case 'string':
      return typeof value === 'string';
    default:
      return value !== undefined;
  }
};

async function declared(op: Operation, bundle: Bundle): Promise<Field[]> {
  const out: Field[] = [];
  for (const entry of op.outputFields ?? []) {
    if (typeof entry === 'function') out.push(...(await h.tester(entry, bundle)));
    else out.push(entry);
  }
  return out;
}

function check(where: string, result: Record<string, unknown>, declaredFields: Field[]) {
  for (const field of declaredFields) {
    expect(result, `${where}: ${field.key}`).toHaveProperty(field.key);
    expect(typeOk(field.type, result[field.key]), `${where}: ${field.key} is ${field.type ?? 'any'}`).toBe(
      true,
    );
  }
}

describe('every action: sample, output fields and perform agree', () => {
  const ops = () => [
    ...Object.entries(h.app.creates ?? {}).map(
      ([key, c]) => [key, c.operation as unknown as Operation] as const,
    ),
    ...Object.entries(h.app.searches ?? {}).map(
      ([key, s]) => [key, s.operation as unknown as Operation] as const,
    ),
  ];

  it('covers every action of the app', () => {
    expect(
      ops()
        .map(([key]) => key)
        .sort(),
    ).toEqual([...Object.keys(inputs), 'cancel_completion', 'find_completion'].sort());
  });

  for (const key of [...Object.keys(inputs), 'cancel_completion', 'find_completion']) {
    it(key, async () => {
      const op = ops().find(([k]) => k === key)?.[1] as Operation;
      let input = inputs[key];
      if (!input) {
        const started = (await h.tester(
          h.app.creates?.send_prompt?.operation.perform as Operation['perform'],
          h.bundle({ prompt: 'x [emulator:job-ms=20]' }),
        )) as { id: string };
        input = { id: started.id };
      }
      const bundle = h.bundle(input);
      const wanted = await declared(op, bundle as unknown as Bundle);
      expect(new Set(wanted.map((f) => f.key)).size).toBe(wanted.length);
      check(`${key} sample`, op.sample, await declared(op, h.bundle({}) as unknown as Bundle));
      const live = await h.tester(op.perform, bundle);
      const result = (Array.isArray(live) ? live[0] : live) as Record<string, unknown>;
      check(`${key} perform`, result, wanted);
      const editor = await h.tester(op.perform, h.bundle(input, { sample: true }));
      check(
        `${key} editor test`,
        (Array.isArray(editor) ? editor[0] : editor) as Record<string, unknown>,
        wanted,
      );
    });
  }
});
