import { type Answer, answerText } from './answer.js';
import type { ChatRequest } from './chat-request.js';

export const SYSTEM_FINGERPRINT = 'fp_modelstream_emulator';

export function chatUsage(answer: Answer) {
  const { promptTokens, answerTokens, reasoningTokens } = answer.usage;
  const completion = answerTokens + reasoningTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}

export function responsesUsage(answer: Answer) {
  const { promptTokens, answerTokens, reasoningTokens } = answer.usage;
  const output = answerTokens + reasoningTokens;
  return {
    input_tokens: promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: promptTokens + output,
  };
}

/** The one choice of a chat.completion. */
export function chatChoice(answer: Answer) {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answerText(answer),
    refusal: null,
  };
  if (answer.summary) message.reasoning_content = answer.summary;
  return { index: 0, message, logprobs: null, finish_reason: answer.finishReason };
}

/** A whole chat.completion, as `stream: false` answers it. */
export function chatCompletion(
  id: string,
  created: number,
  request: Pick<ChatRequest, 'model'>,
  answer: Answer,
) {
  return {
    id,
    object: 'chat.completion',
    created,
    model: request.model,
    choices: [chatChoice(answer)],
    usage: chatUsage(answer),
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * The constant head and tail of every chunk of one stream, so a delta costs one JSON.stringify of its
 * text rather than of a whole object (a 100 MB stream is a million chunks).
 */
export function chunkFrame(id: string, created: number, model: string) {
  const head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":"${SYSTEM_FINGERPRINT}","choices":[{"index":0,"delta":`;
  return {
    delta: (field: 'content' | 'reasoning_content', text: string) =>
      `${head}{${JSON.stringify(field)}:${JSON.stringify(text)}},"logprobs":null,"finish_reason":null}]}\n\n`,
    role: () => `${head}{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`,
    finish: (reason: string) => `${head}{},"logprobs":null,"finish_reason":${JSON.stringify(reason)}}]}\n\n`,
    usage: (answer: Answer) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        system_fingerprint: SYSTEM_FINGERPRINT,
        choices: [],
        usage: chatUsage(answer),
      })}\n\n`,
  };
}
