import { describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { TaskOutput } from '../tasks/task-output.js';
import {
  captureZapierLogs,
  chatPosts,
  errorOf,
  loggedPostBodies,
  useZapier,
  zapierFields,
} from '../test-utils/harness.js';
import { useJsonGateway } from '../test-utils/json-gateway.js';

const h = useZapier();
const gateway = useJsonGateway();
type Perform<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
const create = (key: string) => h.app.creates?.[key]?.operation.perform as Perform<TaskOutput>;
const find = () => h.app.searches?.find_completion?.operation.perform as Perform<TaskOutput[]>;
const viaGateway = (input: Record<string, unknown>) => h.bundle(input, { baseUrl: gateway.url() });

// Keys the emulator's JSON answer has: { emulator, model, prompt_start, images, reasoning_effort, answer }.
const emulatorFields = [
  { name: 'emulator', type: 'boolean', description: 'whether this is the emulator' },
  { name: 'images', type: 'integer' },
  { name: 'model', type: 'string' },
  { name: 'due_date', type: 'date', description: 'when payment is due' },
];

describe('Extract Structured Data', () => {
  it('asks for a JSON object with exactly the listed keys, and returns each typed in its own field', async () => {
    const logs = captureZapierLogs();
    const out = await h.tester(
      create('extract_structured_data'),
      h.bundle({ text: 'Invoice 42 [emulator:job-ms=20]', fields: emulatorFields }),
    );
    expect(out).toMatchObject({
      status: 'completed',
      data__emulator: true,
      data__images: 0,
      data__model: 'gpt-5.4-pro',
      data__due_date: null,
      missing_fields: 'due_date',
      valid: false,
    });
    expect(out.problems).toContain('missing: due_date');
    expect(out.problems).toContain('keys not asked for (dropped): prompt_start');
    expect(Object.keys(out).some((k) => k.startsWith('json__'))).toBe(false);
    const [sent] = loggedPostBodies(logs);
    expect(sent).toMatchObject({ response_format: 'json_object', background: true });
    expect(String(sent?.system_prompt)).toContain('"due_date": a date as YYYY-MM-DD — when payment is due');
    expect(String(sent?.prompt)).toContain('<text>\nInvoice 42');
  });

  it('converts what the model wrote to each type and reports what does not fit', async () => {
    gateway.answer({ total: '1,234.50', paid: 'yes', due: '2026-02-30', lines: ['a', 'b'], count: 3.5 });
    const out = await h.tester(
      create('extract_structured_data'),
      viaGateway({
        text: 'x',
        fields: [
          { name: 'total', type: 'number' },
          { name: 'paid', type: 'boolean' },
          { name: 'due', type: 'date' },
          { name: 'lines', type: 'list' },
          { name: 'count', type: 'integer' },
        ],
      }),
    );
    expect(out).toMatchObject({
      data__total: 1234.5,
      data__paid: true,
      data__lines: ['a', 'b'],
      valid: false,
    });
    expect(out.data__due).toBeNull();
    expect(out.data__count).toBeNull();
    expect(out.invalid_fields).toBe(
      'due ("2026-02-30" is not a date as YYYY-MM-DD); count (3.5 is not a whole number (digits only))',
    );
  });

  // 8 s: still running when the 1.5 s step hands it back, however busy the machine.
  it('a slow answer comes back pending; Find Completion with the Task returns the typed fields; one POST', async () => {
    const pending = await h.tester(
      create('extract_structured_data'),
      h.bundle({ text: 'Invoice [emulator:job-ms=8000]', fields: emulatorFields }),
    );
    expect(pending).toMatchObject({ status: 'pending', data__images: null, valid: false });
    let found: TaskOutput | undefined;
    for (let i = 0; i < 20 && !found; i++) {
      found = await h.tester(find(), h.bundle({ id: pending.id, task: pending.task })).then(
        ([answer]) => answer,
        (error: Error) => {
          expect(error.name).toBe('ThrottledError');
          return undefined;
        },
      );
    }
    expect(found).toMatchObject({
      id: pending.id,
      status: 'completed',
      data__emulator: true,
      data__images: 0,
    });
    expect(found?.missing_fields).toBe('due_date');
    expect(chatPosts(h.emulator())).toHaveLength(1);
  });

  it('declares one output field per listed field, typed, before the first run', async () => {
    const fields = h.app.creates?.extract_structured_data?.operation.outputFields ?? [];
    const dynamic = fields.find((f) => typeof f === 'function') as Perform<{ key: string; type?: string }[]>;
    const declared = await h.tester(dynamic, h.bundle({ fields: emulatorFields }));
    expect(declared.slice(0, 4)).toEqual([
      { key: 'data__emulator', label: 'Data: emulator (whether this is the emulator)', type: 'boolean' },
      { key: 'data__images', label: 'Data: images', type: 'integer' },
      { key: 'data__model', label: 'Data: model', type: 'string' },
      { key: 'data__due_date', label: 'Data: due_date (when payment is due)', type: 'datetime' },
    ]);
  });

  it('Find Completion declares the task’s fields once its Task is mapped in, and refuses a Task that is not one', async () => {
    const sample = await h.tester(
      create('extract_structured_data'),
      h.bundle({ text: 'x', fields: emulatorFields }, { sample: true }),
    );
    expect(h.emulator().requests()).toEqual([]);
    const fields = h.app.searches?.find_completion?.operation.outputFields ?? [];
    const dynamic = fields.find((f) => typeof f === 'function') as Perform<{ key: string }[]>;
    const declared = await h.tester(dynamic, h.bundle({ id: 'resp_1', task: sample.task }));
    expect(declared.map((f) => f.key)).toEqual(
      expect.arrayContaining(['valid', 'task', 'data__emulator', 'data__due_date', 'missing_fields']),
    );
    const error = await errorOf(h.tester(find(), h.bundle({ id: 'resp_1', task: '{"task":"nope"}' })));
    expect(String(zapierFields(error).message)).toMatch(
      /^task: is not the Task of an Extract Structured Data/,
    );
    expect(h.emulator().requests()).toEqual([]);
  });

  it('a bad field list is refused, every problem at once, before any request', async () => {
    const error = await errorOf(
      h.tester(
        create('extract_structured_data'),
        h.bundle({
          text: 'x',
          fields: [{ name: '1st', type: 'string' }, { name: 'a', type: 'money' }, { name: 'a' }],
        }),
      ),
    );
    const message = String(zapierFields(error).message);
    expect(message).toContain('fields[0].name: "1st" is not allowed');
    expect(message).toContain(
      'fields[1].type: "money" is not allowed; use string, number, integer, boolean, date or list',
    );
    expect(message).toContain('fields[2].name: "a" is used twice');
    expect(h.emulator().requests()).toEqual([]);
  });
});

describe('Classify Text', () => {
  it('one category from the list, matched as written, with the reason', async () => {
    gateway.answer({ category: 'billing.', reason: 'It asks about an invoice.' });
    const out = await h.tester(
      create('classify_text'),
      viaGateway({ text: 'Where is my invoice?', categories: ['Billing', 'Bug report', 'Other'] }),
    );
    expect(out).toMatchObject({
      category: 'Billing',
      reason: 'It asks about an invoice.',
      valid: true,
      problems: '',
    });
    expect(String(gateway.bodies[0]?.system_prompt)).toContain('- "Bug report"');
    expect(gateway.bodies[0]).toMatchObject({ response_format: 'json_object' });
  });

  it('an answer outside the list is reported (category empty), not passed on', async () => {
    gateway.answer({ category: 'Sales', reason: 'x' });
    const out = await h.tester(
      create('classify_text'),
      viaGateway({ text: 'x', categories: 'Billing\nOther' }),
    );
    expect(out).toMatchObject({ category: '', answered_category: 'Sales', valid: false });
    expect(out.problems).toContain('"Sales", which is not one of "Billing" or "Other"');
  });

  it('against the emulator (its JSON names no category): a clear problem, the answer kept', async () => {
    const out = await h.tester(
      create('classify_text'),
      h.bundle({ text: 'x [emulator:job-ms=20]', categories: ['A', 'B'] }),
    );
    expect(out).toMatchObject({
      status: 'completed',
      category: '',
      valid: false,
      problems: 'the answer names no category',
    });
    expect(out.text.length).toBeGreaterThan(0);
  });

  it('fewer than two categories is refused before any request', async () => {
    const error = await errorOf(
      h.tester(create('classify_text'), h.bundle({ text: 'x', categories: ['Only'] })),
    );
    expect(String(zapierFields(error).message)).toContain(
      'categories: 1 given; use 2 to 100 different categories',
    );
    expect(h.emulator().requests()).toEqual([]);
  });
});

describe('Summarize Text', () => {
  it('asks for the length and audience and returns the summary', async () => {
    const logs = captureZapierLogs();
    const out = await h.tester(
      create('summarize_text'),
      h.bundle({ text: 'Long report [emulator:job-ms=20]', length: 'bullets', audience: 'the board' }),
    );
    expect(out.status).toBe('completed');
    expect(out.summary).toBe(out.text.trim());
    expect(out.valid).toBe(true);
    const [sent] = loggedPostBodies(logs);
    expect(String(sent?.system_prompt)).toContain('as three to seven bullet points');
    expect(String(sent?.system_prompt)).toContain('for this audience: the board');
    expect(sent?.response_format).toBeUndefined();
  });

  it('an unknown length is refused, naming the choices', async () => {
    const error = await errorOf(h.tester(create('summarize_text'), h.bundle({ text: 'x', length: 'tiny' })));
    expect(String(zapierFields(error).message)).toMatch(
      /^length: "tiny" is not allowed; use one_sentence, short/,
    );
  });
});
