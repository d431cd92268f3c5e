import { countTokens as rawCount } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { answerPieces, answerText, FILLER_BLOCK, generateAnswer, quotePrompt } from './answer.js';
import { type ChatRequest, parseChatRequest } from './chat-request.js';

function request(body: Record<string, unknown>): ChatRequest {
  const parsed = parseChatRequest({ model: 'gpt-5.4-pro', ...body });
  if (!parsed.ok) throw new Error(parsed.answer.error.message);
  return parsed.request;
}

describe('generateAnswer', () => {
  it('says it comes from the emulator, quotes the prompt, and names images and effort', () => {
    const answer = generateAnswer(
      request({
        prompt: 'Summarise the quarterly report please',
        image_urls: ['https://example.com/a.png', 'https://example.com/b.png'],
        reasoning_effort: 'xhigh',
      }),
    );
    const text = answerText(answer);
    expect(text).toContain('[ModelStream emulator]');
    expect(text).toContain('"Summarise the quarterly report please"');
    expect(text).toContain('2 images');
    expect(text).toContain('reasoning effort xhigh');
    expect(answer.finishReason).toBe('stop');
  });

  it('is deterministic', () => {
    const body = { prompt: 'Same question', reasoning_summary: 'detailed' };
    expect(generateAnswer(request(body))).toEqual(generateAnswer(request(body)));
  });

  it('counts usage with the real tokenizer: answer, reasoning and prompt with chat framing', () => {
    const req = request({ prompt: 'How many tokens is this?', system_prompt: 'Be brief.' });
    const answer = generateAnswer(req);
    expect(answer.usage.answerTokens).toBe(rawCount(answerText(answer)));
    expect(answer.usage.reasoningTokens).toBe(rawCount(answer.reasoning));
    expect(answer.usage.reasoningTokens).toBeGreaterThan(0);
    // Two messages of 3 framing tokens each plus 3 to prime the reply.
    expect(answer.usage.promptTokens).toBe(rawCount('How many tokens is this?') + rawCount('Be brief.') + 9);
  });

  it('spends more reasoning tokens at higher effort', () => {
    const tokens = (effort: string) =>
      generateAnswer(request({ prompt: 'x', reasoning_effort: effort })).usage.reasoningTokens;
    expect(tokens('medium')).toBeLessThan(tokens('high'));
    expect(tokens('high')).toBeLessThan(tokens('xhigh'));
  });

  it('gives a reasoning summary only when asked, shorter when concise', () => {
    expect(generateAnswer(request({ prompt: 'x' })).summary).toBeUndefined();
    const concise = generateAnswer(request({ prompt: 'x', reasoning_summary: 'concise' })).summary!;
    const detailed = generateAnswer(request({ prompt: 'x', reasoning_summary: 'detailed' })).summary!;
    expect(concise).toContain('**Reading the request**');
    expect(detailed.length).toBeGreaterThan(concise.length);
  });

  it('answers json_object with a valid JSON object, also when padded to a size', () => {
    const plain = JSON.parse(
      answerText(generateAnswer(request({ prompt: 'x', response_format: 'json_object' }))),
    );
    expect(plain).toMatchObject({ emulator: true, model: 'gpt-5.4-pro', prompt_start: 'x' });
    const big = answerText(
      generateAnswer(request({ prompt: 'x [emulator:answer-bytes=20000]', response_format: 'json_object' })),
    );
    expect(Buffer.byteLength(big)).toBe(20_000);
    expect(JSON.parse(big).filler.length).toBeGreaterThan(19_000);
  });

  it('pads the answer to [emulator:answer-bytes=N] and counts the padding exactly', () => {
    const answer = generateAnswer(request({ prompt: 'Big one [emulator:answer-bytes=100000]' }));
    const text = answerText(answer);
    expect(Buffer.byteLength(text)).toBe(100_000);
    expect(text).toContain(FILLER_BLOCK.trim());
    expect(answer.usage.answerTokens).toBe(rawCount(text));
    expect(answerText(generateAnswer(request({ prompt: '[emulator:answer-bytes=10]' })))).toHaveLength(10);
  });

  it('streams the same text in small pieces', () => {
    const answer = generateAnswer(request({ prompt: 'naïve 🙂 [emulator:answer-bytes=5000]' }));
    const pieces = [...answerPieces(answer, 48)];
    expect(pieces.join('')).toBe(answerText(answer));
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(49);
  });

  it('stops at max_output_tokens with finish reason length, reasoning counted first', () => {
    const full = generateAnswer(request({ prompt: 'x [emulator:answer-bytes=4000]' }));
    const max = full.usage.reasoningTokens + 50;
    const cut = generateAnswer(request({ prompt: 'x [emulator:answer-bytes=4000]', max_output_tokens: max }));
    expect(cut.finishReason).toBe('length');
    expect(cut.usage.answerTokens).toBe(50);
    expect(rawCount(answerText(cut))).toBeLessThanOrEqual(50);
    expect(answerText(full).startsWith(answerText(cut).slice(0, 40))).toBe(true);

    const starved = generateAnswer(request({ prompt: 'x', max_output_tokens: 5 }));
    expect(starved).toMatchObject({ finishReason: 'length', usage: { answerTokens: 0, reasoningTokens: 5 } });
    expect(answerText(starved)).toBe('');
  });
});

describe('quotePrompt', () => {
  it('drops markers, folds whitespace and cuts long prompts', () => {
    expect(quotePrompt('  Hello\n\n world [emulator:delay-ms=5] ')).toBe('Hello world');
    const long = quotePrompt('word '.repeat(100));
    expect(long.length).toBe(60);
    expect(long.endsWith('...')).toBe(true);
  });
});
