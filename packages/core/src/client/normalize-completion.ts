import { type Completion, emptyUsage, type JobStatus, type Usage } from '../completion.js';
import { InvalidResponseError } from '../errors/response-errors.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : '')).join('');
  }
  return '';
}

/** Chat-completion usage as-is; Responses usage (`input_tokens`, ...) renamed to the chat names. */
export function normalizeUsage(raw: unknown): Usage {
  if (!isObject(raw)) return emptyUsage();
  if ('input_tokens' in raw || 'output_tokens' in raw) {
    const usage: Usage = {
      prompt_tokens: num(raw.input_tokens),
      completion_tokens: num(raw.output_tokens),
      total_tokens: num(raw.total_tokens) || num(raw.input_tokens) + num(raw.output_tokens),
    };
    if (isObject(raw.input_tokens_details)) usage.prompt_tokens_details = { ...raw.input_tokens_details };
    if (isObject(raw.output_tokens_details))
      usage.completion_tokens_details = { ...raw.output_tokens_details };
    return usage;
  }
  const usage: Usage = {
    prompt_tokens: num(raw.prompt_tokens),
    completion_tokens: num(raw.completion_tokens),
    total_tokens: num(raw.total_tokens) || num(raw.prompt_tokens) + num(raw.completion_tokens),
  };
  if (isObject(raw.prompt_tokens_details)) usage.prompt_tokens_details = { ...raw.prompt_tokens_details };
  if (isObject(raw.completion_tokens_details))
    usage.completion_tokens_details = { ...raw.completion_tokens_details };
  return usage;
}

/** Whether the payload is a Responses object (a background job) rather than a chat completion. */
export function isResponsesShape(payload: unknown): boolean {
  return isObject(payload) && (payload.object === 'response' || Array.isArray(payload.output));
}

export function jobStatusOf(payload: unknown): JobStatus | undefined {
  if (!isObject(payload)) return undefined;
  const status = payload.status;
  if (typeof status === 'string') return status as JobStatus;
  if (Array.isArray(payload.choices)) return 'completed';
  return undefined;
}

/** An answer is incomplete when it stopped for any reason but its natural end. */
export const statusOf = (finishReason: string): Completion['status'] =>
  finishReason === 'stop' || finishReason === 'tool_calls' ? 'completed' : 'incomplete';

type CompletionBase = Omit<Completion, 'requestId' | 'raw' | 'status'>;

function fromChatCompletion(payload: Json): CompletionBase {
  const choice =
    Array.isArray(payload.choices) && isObject(payload.choices[0]) ? payload.choices[0] : undefined;
  if (!choice)
    throw new InvalidResponseError('ModelStream answered without choices: the response cannot be read.');
  const message = isObject(choice.message) ? choice.message : {};
  const summary = message.reasoning_content ?? message.reasoning ?? payload.reasoning_summary;
  return {
    id: String(payload.id ?? ''),
    model: String(payload.model ?? ''),
    text: textOf(message.content),
    ...(typeof summary === 'string' && summary !== '' ? { reasoningSummary: summary } : {}),
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : 'stop',
    usage: normalizeUsage(payload.usage),
  };
}

function fromResponses(payload: Json): CompletionBase {
  const output = Array.isArray(payload.output) ? payload.output.filter(isObject) : [];
  let text = '';
  const summaries: string[] = [];
  for (const item of output) {
    if (item.type === 'message') text += textOf(item.content);
    if (item.type === 'reasoning' && Array.isArray(item.summary)) {
      for (const part of item.summary)
        if (isObject(part) && typeof part.text === 'string') summaries.push(part.text);
    }
  }
  if (text === '' && typeof payload.output_text === 'string') text = payload.output_text;
  const incomplete = isObject(payload.incomplete_details)
    ? String(payload.incomplete_details.reason ?? '')
    : '';
  const finishReason =
    payload.status === 'incomplete'
      ? incomplete === 'content_filter'
        ? 'content_filter'
        : 'length'
      : 'stop';
  return {
    id: String(payload.id ?? ''),
    model: String(payload.model ?? ''),
    text,
    ...(summaries.length > 0 ? { reasoningSummary: summaries.join('\n\n') } : {}),
    finishReason,
    usage: normalizeUsage(payload.usage),
  };
}

/**
 * Reads a final payload, chat-completion or Responses shaped, into a Completion. With `json` set, parses
 * the text as JSON and fails with the completion attached when it is not.
 */
export function normalizeCompletion(
  payload: unknown,
  { requestId, json }: { requestId?: string | undefined; json?: boolean } = {},
): Completion {
  if (!isObject(payload))
    throw new InvalidResponseError('ModelStream answered with something other than a JSON object.');
  const base = isResponsesShape(payload) ? fromResponses(payload) : fromChatCompletion(payload);
  const completion: Completion = {
    ...base,
    status: statusOf(base.finishReason),
    ...(requestId ? { requestId } : {}),
    raw: payload,
  };
  if (json) attachJson(completion);
  return completion;
}

export function attachJson(completion: Completion): void {
  try {
    completion.json = JSON.parse(completion.text);
  } catch {
    throw new InvalidResponseError(
      `response_format is json_object but the answer is not valid JSON (${completion.text.length} characters, finish reason ${completion.finishReason}). The text is kept on error.completion.`,
      { completion, requestId: completion.requestId },
    );
  }
}
