import { getModelSpec, models, ValidationError, validateParams } from '@modelstream-kit/core';
import { apiError, type ErrorAnswer } from './api-error.js';
import { type PromptMarkers, readMarkers } from './markers.js';

/** One chat request, whichever form it came in, reduced to what the answer depends on. */
export interface ChatRequest {
  form: 'modelstream' | 'messages';
  model: string;
  prompt: string;
  systemPrompt: string;
  /** The number of messages, for the per-message token overhead. */
  messageCount: number;
  imageCount: number;
  imageDetail: string;
  reasoningEffort: string;
  reasoningSummary?: string;
  verbosity: string;
  responseFormat: 'text' | 'json_object';
  maxOutputTokens?: number;
  stream: boolean;
  background: boolean;
  topic?: string;
  markers: PromptMarkers;
}

export type Parsed = { ok: true; request: ChatRequest } | { ok: false; answer: ErrorAnswer };

const invalid = (message: string, param: string | null = null, code: string | null = null): Parsed => ({
  ok: false,
  answer: apiError(400, message, 'invalid_request_error', code, param),
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads a chat request body: ModelStream's flattened form, or OpenAI's `messages` form. */
export function parseChatRequest(body: unknown): Parsed {
  if (!isObject(body)) return invalid('The request body must be a JSON object.');
  const model = body.model;
  if (typeof model !== 'string' || model === '') {
    return invalid(`model: is required; use ${Object.keys(models).join(', ')}`, 'model');
  }
  if (!models[model]) {
    return {
      ok: false,
      answer: apiError(
        404,
        `The model "${model}" does not exist or you do not have access to it; use ${Object.keys(models).join(', ')}.`,
        'invalid_request_error',
        'model_not_found',
        'model',
      ),
    };
  }
  return 'messages' in body ? parseMessagesForm(model, body) : parseModelStreamForm(model, body);
}

function parseModelStreamForm(model: string, body: Record<string, unknown>): Parsed {
  const { model: _model, ...input } = body;
  let params: Record<string, unknown>;
  try {
    params = validateParams(getModelSpec(model), input);
  } catch (error) {
    if (error instanceof ValidationError) {
      return invalid(error.message, error.issues[0]?.field ?? null, 'invalid_value');
    }
    throw error;
  }
  const prompt = params.prompt as string;
  const images = (params.image_urls as string[] | undefined) ?? [];
  return {
    ok: true,
    request: {
      form: 'modelstream',
      model,
      prompt,
      systemPrompt: (params.system_prompt as string | undefined) ?? '',
      messageCount: params.system_prompt ? 2 : 1,
      imageCount: images.length,
      imageDetail: (params.image_detail as string | undefined) ?? 'auto',
      reasoningEffort: (params.reasoning_effort as string | undefined) ?? 'medium',
      ...(params.reasoning_summary ? { reasoningSummary: params.reasoning_summary as string } : {}),
      verbosity: (params.verbosity as string | undefined) ?? 'medium',
      responseFormat: params.response_format === 'json_object' ? 'json_object' : 'text',
      ...(params.max_output_tokens ? { maxOutputTokens: params.max_output_tokens as number } : {}),
      stream: params.stream === true,
      background: params.background === true,
      ...(params.topic ? { topic: params.topic as string } : {}),
      markers: readMarkers(prompt),
    },
  };
}

interface MessageText {
  text: string;
  images: number;
  detail?: string;
}

function readContent(content: unknown): MessageText | undefined {
  if (typeof content === 'string') return { text: content, images: 0 };
  if (!Array.isArray(content)) return undefined;
  const out: MessageText = { text: '', images: 0 };
  for (const part of content) {
    if (!isObject(part)) return undefined;
    if (part.type === 'text' && typeof part.text === 'string') out.text += part.text;
    else if (part.type === 'image_url' && isObject(part.image_url)) {
      out.images++;
      if (typeof part.image_url.detail === 'string') out.detail = part.image_url.detail;
    } else return undefined;
  }
  return out;
}

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

function parseMessagesForm(model: string, body: Record<string, unknown>): Parsed {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return invalid('messages: must be a non-empty array of { role, content }.', 'messages');
  }
  const system: string[] = [];
  const user: string[] = [];
  let images = 0;
  let detail = 'auto';
  for (const [i, message] of messages.entries()) {
    const content = isObject(message) ? readContent(message.content) : undefined;
    if (!isObject(message) || typeof message.role !== 'string' || !content) {
      return invalid(
        `messages[${i}]: must be { role, content } with content a string or text/image_url parts.`,
        `messages[${i}]`,
      );
    }
    images += content.images;
    if (content.detail) detail = content.detail;
    if (message.role === 'system' || message.role === 'developer') system.push(content.text);
    else if (message.role === 'user') user.push(content.text);
  }
  const effort = body.reasoning_effort ?? 'medium';
  if (typeof effort !== 'string' || !EFFORTS.includes(effort)) {
    return invalid(
      `reasoning_effort: ${JSON.stringify(effort)} is not allowed; use ${EFFORTS.join(', ')}.`,
      'reasoning_effort',
    );
  }
  const max = body.max_completion_tokens ?? body.max_tokens;
  if (max !== undefined && max !== null && !(Number.isInteger(max) && (max as number) >= 1)) {
    return invalid(
      `max_completion_tokens: ${JSON.stringify(max)} is not allowed; use a positive integer.`,
      'max_completion_tokens',
    );
  }
  const format = isObject(body.response_format) ? body.response_format.type : undefined;
  const prompt = user.join('\n');
  return {
    ok: true,
    request: {
      form: 'messages',
      model,
      prompt,
      systemPrompt: system.join('\n'),
      messageCount: messages.length,
      imageCount: images,
      imageDetail: detail,
      reasoningEffort: effort,
      verbosity: typeof body.verbosity === 'string' ? body.verbosity : 'medium',
      responseFormat: format === 'json_object' ? 'json_object' : 'text',
      ...(typeof max === 'number' ? { maxOutputTokens: max } : {}),
      stream: body.stream === true,
      background: body.background === true,
      markers: readMarkers(prompt),
    },
  };
}
