import type { Completion } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { answerText, usageLine } from './output.js';

const completion: Completion = {
  id: 'resp_1',
  model: 'gpt-5.4-pro',
  text: '{"a":1}',
  json: { a: 1 },
  finishReason: 'stop',
  status: 'completed',
  usage: {
    prompt_tokens: 1200,
    completion_tokens: 30,
    total_tokens: 1230,
    completion_tokens_details: { reasoning_tokens: 20 },
  },
  raw: {},
};

describe('output', () => {
  it('prints usage with reasoning tokens', () => {
    expect(usageLine(completion.usage)).toBe(
      'usage: 1,200 prompt + 30 completion (20 reasoning) = 1,230 tokens',
    );
  });

  it('prints the text, the parsed JSON, or the whole Completion', () => {
    expect(answerText(completion, { output: 'text', json: false, streamed: false })).toBe('{"a":1}\n');
    expect(answerText(completion, { output: 'text', json: true, streamed: false })).toBe('{\n  "a": 1\n}\n');
    expect(JSON.parse(answerText(completion, { output: 'json', json: true, streamed: false }))).toEqual(
      completion,
    );
    expect(answerText(completion, { output: 'text', json: false, streamed: true })).toBe('\n');
  });
});
