import type { Completion } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import {
  answerOutputFields,
  completionOutput,
  flattenJson,
  pendingOutput,
  SAMPLE_JOB_ID,
  sampleAnswer,
  samplePending,
} from './output.js';

const completion: Completion = {
  id: 'resp_1',
  model: 'gpt-5.4-pro',
  text: '{"title":"Hi","meta":{"score":3,"tags":["a","b"]}}',
  json: { title: 'Hi', meta: { score: 3, tags: ['a', 'b'] }, empty: {} },
  reasoningSummary: 'thought',
  finishReason: 'stop',
  status: 'completed',
  usage: {
    prompt_tokens: 5,
    completion_tokens: 7,
    total_tokens: 12,
    completion_tokens_details: { reasoning_tokens: 4 },
  },
  requestId: 'req_1',
  raw: { id: 'resp_1', object: 'response' },
};

describe('output', () => {
  it('flattens JSON answers into json__key fields, keeping arrays', () => {
    expect(flattenJson({ a: 1, b: { c: 'x', d: [1, 2] } })).toEqual({
      json__a: 1,
      json__b__c: 'x',
      json__b__d: [1, 2],
    });
    expect(flattenJson([1, 2])).toEqual({ json__value: [1, 2] });
    expect(flattenJson('plain')).toEqual({ json__value: 'plain' });
  });

  it('gives a finished answer as flat fields plus the raw payload', () => {
    const out = completionOutput(completion);
    expect(out).toMatchObject({
      id: 'resp_1',
      status: 'completed',
      text: completion.text,
      model: 'gpt-5.4-pro',
      finish_reason: 'stop',
      reasoning_summary: 'thought',
      usage__prompt_tokens: 5,
      usage__completion_tokens: 7,
      usage__reasoning_tokens: 4,
      usage__total_tokens: 12,
      request_id: 'req_1',
      json__title: 'Hi',
      json__meta__score: 3,
      json__meta__tags: ['a', 'b'],
      json__empty: {},
      raw: completion.raw,
    });
  });

  it('says when the answer was cut at the token limit', () => {
    expect(completionOutput({ ...completion, finishReason: 'length' }).note).toContain('Max Output Tokens');
  });

  it('gives a running job with the same fields, status pending and what to do next', () => {
    const out = pendingOutput({ id: 'resp_2', status: 'in_progress' }, 'gpt-5.4-pro');
    expect(out).toMatchObject({ id: 'resp_2', status: 'pending', job_status: 'in_progress', text: '' });
    expect(out.note).toContain('Find Completion');
    expect(Object.keys(out).sort()).toEqual(
      Object.keys(completionOutput({ ...completion, json: undefined })).sort(),
    );
  });

  it('samples carry every labelled output field', () => {
    for (const sample of [sampleAnswer, samplePending]) {
      for (const field of answerOutputFields) expect(sample, field.key).toHaveProperty(field.key);
      expect(sample.id).toBe(SAMPLE_JOB_ID);
    }
    expect(new Set(answerOutputFields.map((f) => f.label)).size).toBe(answerOutputFields.length);
  });
});
