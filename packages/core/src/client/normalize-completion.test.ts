import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/response-errors.js';
import { normalizeCompletion, normalizeUsage } from './normalize-completion.js';

const chat = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-5.4-pro',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: '{"a":1}', reasoning_content: 'Thought briefly.' },
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 10,
    completion_tokens: 5,
    total_tokens: 15,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 3 },
  },
};

const responses = {
  id: 'resp_1',
  object: 'response',
  status: 'completed',
  model: 'gpt-5.4-pro',
  output: [
    {
      type: 'reasoning',
      summary: [
        { type: 'summary_text', text: 'Step one.' },
        { type: 'summary_text', text: 'Step two.' },
      ],
    },
    {
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'output_text', text: 'Hello ' },
        { type: 'output_text', text: 'world' },
      ],
    },
  ],
  usage: {
    input_tokens: 7,
    output_tokens: 9,
    total_tokens: 16,
    output_tokens_details: { reasoning_tokens: 4 },
  },
};

describe('normalizeCompletion', () => {
  it('reads a chat completion, with its reasoning summary, usage and request id', () => {
    const c = normalizeCompletion(chat, { requestId: 'req_1', json: true });
    expect(c).toMatchObject({
      id: 'chatcmpl-1',
      model: 'gpt-5.4-pro',
      text: '{"a":1}',
      json: { a: 1 },
      reasoningSummary: 'Thought briefly.',
      finishReason: 'stop',
      requestId: 'req_1',
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        completion_tokens_details: { reasoning_tokens: 3 },
      },
    });
    expect(c.raw).toBe(chat);
  });

  it('reads a Responses object, renaming its usage to the chat names', () => {
    const c = normalizeCompletion(responses);
    expect(c.text).toBe('Hello world');
    expect(c.reasoningSummary).toBe('Step one.\n\nStep two.');
    expect(c.usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 9,
      total_tokens: 16,
      completion_tokens_details: { reasoning_tokens: 4 },
    });
  });

  it('maps an incomplete job to finish reason length, keeping the text', () => {
    const c = normalizeCompletion({
      ...responses,
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
    expect(c.finishReason).toBe('length');
    expect(c.text).toBe('Hello world');
  });

  it('keeps the paid-for answer on the error when JSON was asked for and the text is not JSON', () => {
    const notJson = {
      ...chat,
      choices: [{ message: { content: 'Sure! Here it is' }, finish_reason: 'stop' }],
    };
    try {
      normalizeCompletion(notJson, { json: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).toContain(
        'json_object but the answer is not valid JSON',
      );
      expect((error as InvalidResponseError).completion?.text).toBe('Sure! Here it is');
    }
  });

  it('refuses payloads it cannot read', () => {
    expect(() => normalizeCompletion('nope')).toThrow(InvalidResponseError);
    expect(() => normalizeCompletion({ id: 'x', choices: [] })).toThrow('without choices');
  });

  it('fills missing totals', () => {
    expect(normalizeUsage({ prompt_tokens: 2, completion_tokens: 3 })).toEqual({
      prompt_tokens: 2,
      completion_tokens: 3,
      total_tokens: 5,
    });
    expect(normalizeUsage(undefined)).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });
});
