import { getModelSpec, ValidationError, validateParams } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { parseChatRequest } from './chat-request.js';

function coreMessage(input: Record<string, unknown>): string {
  try {
    validateParams(getModelSpec('gpt-5.4-pro'), input);
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
  }
  throw new Error('expected the core to refuse the input');
}

describe('parseChatRequest', () => {
  it("refuses ModelStream's form with the core's own validation message, every problem at once", () => {
    const input = { prompt: '', reasoning_effort: 'low', max_output_tokens: 0, colour: 'red' };
    const parsed = parseChatRequest({ model: 'gpt-5.4-pro', ...input });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.answer.status).toBe(400);
    expect(parsed.answer.error.message).toBe(coreMessage(input));
    expect(parsed.answer.error.message).toContain('reasoning_effort: "low" is not allowed for gpt-5.4-pro');
    expect(parsed.answer.error.type).toBe('invalid_request_error');
    expect(parsed.answer.error.param).toBe('colour');
  });

  it('refuses an unknown model with 404 model_not_found, and a missing model with 400', () => {
    const unknown = parseChatRequest({ model: 'gpt-2', prompt: 'x' });
    expect(unknown).toMatchObject({ ok: false, answer: { status: 404, error: { code: 'model_not_found' } } });
    const missing = parseChatRequest({ prompt: 'x' });
    expect(missing).toMatchObject({ ok: false, answer: { status: 400, error: { param: 'model' } } });
  });

  it("reads OpenAI's messages form: system and user text, image parts, effort, format, cap", () => {
    const parsed = parseChatRequest({
      model: 'gpt-5.4-pro',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
          ],
        },
      ],
      reasoning_effort: 'high',
      response_format: { type: 'json_object' },
      max_completion_tokens: 500,
      stream: true,
    });
    expect(parsed).toMatchObject({
      ok: true,
      request: {
        form: 'messages',
        prompt: 'What is in this picture?',
        systemPrompt: 'Be brief.',
        messageCount: 2,
        imageCount: 1,
        imageDetail: 'low',
        reasoningEffort: 'high',
        responseFormat: 'json_object',
        maxOutputTokens: 500,
        stream: true,
      },
    });
  });

  it('refuses malformed messages by index', () => {
    const parsed = parseChatRequest({
      model: 'gpt-5.4-pro',
      messages: [{ role: 'user', content: 'ok' }, { content: 3 }],
    });
    expect(parsed).toMatchObject({ ok: false, answer: { status: 400, error: { param: 'messages[1]' } } });
    expect(parseChatRequest({ model: 'gpt-5.4-pro', messages: [] })).toMatchObject({ ok: false });
  });

  it('reads the markers from the prompt', () => {
    const parsed = parseChatRequest({
      model: 'gpt-5.4-pro',
      prompt:
        'x [emulator:answer-bytes=1000] [emulator:delay-ms=20] [emulator:job-ms=5] [emulator:delta-bytes=7]',
    });
    expect(parsed).toMatchObject({
      ok: true,
      request: { markers: { answerBytes: 1000, delayMs: 20, jobMs: 5, deltaBytes: 7 } },
    });
  });
});
