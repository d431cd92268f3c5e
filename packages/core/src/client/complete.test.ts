import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';

const emulator = useEmulator();

describe('complete', () => {
  it('returns the answer with usage and the request id', async () => {
    const completion = await clientFor(emulator()).complete({
      prompt: 'Say hello',
      reasoning_effort: 'high',
    });
    expect(completion.model).toBe('gpt-5.4-pro');
    expect(completion.text).toContain('emulator');
    expect(completion.finishReason).toBe('stop');
    expect(completion.usage.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage.completion_tokens).toBeGreaterThan(0);
    expect(completion.usage.total_tokens).toBe(
      completion.usage.prompt_tokens + completion.usage.completion_tokens,
    );
    expect(completion.requestId).toBeTruthy();
    const [sent] = posts(emulator());
    expect(sent).toMatchObject({ model: 'gpt-5.4-pro' });
  });

  it('parses a JSON answer when response_format is json_object', async () => {
    const completion = await clientFor(emulator()).complete({
      prompt: 'Give JSON',
      response_format: 'json_object',
    });
    expect(completion.json).toBeTypeOf('object');
    expect(JSON.parse(completion.text)).toEqual(completion.json);
  });

  it('returns the reasoning summary when asked', async () => {
    const completion = await clientFor(emulator()).complete({
      prompt: 'Think',
      reasoning_summary: 'concise',
    });
    expect(completion.reasoningSummary).toBeTruthy();
  });

  it('refuses bad input before sending anything', async () => {
    const error = await errorOf(
      clientFor(emulator()).complete({ prompt: 'x', reasoning_effort: 'low', max_output_tokens: 0 }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(
      'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
    expect(error.message).toContain('max_output_tokens: 0 is not allowed');
    expect(emulator().requests()).toHaveLength(0);
  });

  it('runs background: true as a job and waits for it', async () => {
    const polls: string[] = [];
    const completion = await clientFor(emulator()).complete(
      { prompt: 'Long one', background: true, reasoning_summary: 'auto' },
      { onPoll: (job) => polls.push(job.status) },
    );
    expect(completion.text).toContain('emulator');
    expect(completion.usage.total_tokens).toBeGreaterThan(0);
    expect(completion.reasoningSummary).toBeTruthy();
    expect(polls.at(-1)).toBe('completed');
    expect(posts(emulator())).toHaveLength(1);
  });

  it('streams and assembles when stream: true', async () => {
    const completion = await clientFor(emulator()).complete({ prompt: 'Stream it', stream: true });
    expect(completion.text).toContain('emulator');
    expect(completion.usage.completion_tokens).toBeGreaterThan(0);
  });
});
