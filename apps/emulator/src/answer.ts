import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatRequest } from './chat-request.js';
import { countTokens } from './tokens.js';

/**
 * A deterministic answer: `prefix + filler + suffix`, where the filler is a repeated ASCII sentence that
 * pads the answer to the size a benchmark asked for without holding it in memory until it is needed.
 */
export interface Answer {
  readonly prefix: string;
  readonly fillerBytes: number;
  readonly suffix: string;
  /** The reasoning the "model" did; never shown, only counted as reasoning tokens. */
  readonly reasoning: string;
  /** Shown when the request asked for a reasoning summary. */
  readonly summary?: string;
  readonly finishReason: 'stop' | 'length';
  readonly usage: AnswerUsage;
}

export interface AnswerUsage {
  promptTokens: number;
  answerTokens: number;
  reasoningTokens: number;
}

/** Starts with a space and ends with a full stop, so repeated blocks tokenize the same every time. */
export const FILLER_BLOCK =
  ' The ModelStream emulator repeats this sentence so that benchmarks can ask for answers of any size.';
let fillerBlockTokens: number | undefined;

/** Tokens one image costs at each detail level (OpenAI's published figures for a 512 px tile). */
const IMAGE_TOKENS: Readonly<Record<string, number>> = { low: 85, high: 765, auto: 765 };
/** Per-message framing tokens of the chat format, and the priming of the reply. */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

const REASONING_ROUNDS: Readonly<Record<string, number>> = {
  none: 0,
  minimal: 0,
  low: 1,
  medium: 2,
  high: 4,
  xhigh: 8,
};

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The start of a prompt as a person would quote it: markers removed, whitespace folded, cut at 60. */
export function quotePrompt(prompt: string): string {
  const clean = prompt
    .slice(0, 2000)
    .replace(/\[emulator:[a-z-]+=\d+\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= 60) return clean;
  const cut = Array.from(clean).slice(0, 57).join('');
  return `${cut}...`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sentences(request: ChatRequest, quote: string): string[] {
  const lead =
    `[ModelStream emulator] ${request.model} answering "${quote}" with ${plural(request.imageCount, 'image')} ` +
    `at reasoning effort ${request.reasoningEffort}.`;
  const out = [lead];
  if (request.verbosity !== 'low') {
    out.push('This deterministic answer comes from the local emulator, not from a model.');
  }
  if (request.verbosity === 'high') {
    out.push(
      request.systemPrompt
        ? `It followed a system prompt of ${plural(request.systemPrompt.length, 'character')}.`
        : 'No system prompt was given.',
    );
  }
  return out;
}

function reasoningFor(request: ChatRequest, quote: string): { reasoning: string; summary?: string } {
  const rounds = REASONING_ROUNDS[request.reasoningEffort] ?? 2;
  if (rounds === 0) return { reasoning: '' };
  const summaryParts = [
    `**Reading the request** The user asked: "${quote}".`,
    `**Planning** Answer deterministically, mentioning ${plural(request.imageCount, 'image')} and effort ${request.reasoningEffort}.`,
  ];
  if (request.reasoningSummary === 'detailed' || request.reasoningSummary === 'auto') {
    summaryParts.push(
      `**Checking** The answer format is ${request.responseFormat === 'json_object' ? 'a JSON object' : 'plain text'}.`,
    );
  }
  const steps: string[] = [];
  for (let i = 1; i <= rounds; i++) {
    steps.push(
      `Step ${i}: consider the prompt "${quote}" again, weigh ${plural(request.imageCount, 'image')}, ` +
        `and check that the emulated answer stays deterministic for effort ${request.reasoningEffort}.`,
    );
  }
  const summary = request.reasoningSummary ? summaryParts.join('\n\n') : undefined;
  return {
    reasoning: [summaryParts.join('\n'), ...steps].join('\n'),
    ...(summary ? { summary } : {}),
  };
}

function fillerTokens(bytes: number): number {
  if (bytes <= 0) return 0;
  fillerBlockTokens ??= countTokens(FILLER_BLOCK);
  const whole = Math.floor(bytes / FILLER_BLOCK.length);
  const rest = FILLER_BLOCK.slice(0, bytes % FILLER_BLOCK.length);
  return whole * fillerBlockTokens + countTokens(rest);
}

/** The first `bytes` bytes of the endless filler, starting at `offset`. */
export function fillerText(offset: number, bytes: number): string {
  const size = FILLER_BLOCK.length;
  let out = '';
  let at = offset % size;
  let left = bytes;
  while (left > 0) {
    const piece = FILLER_BLOCK.slice(at, at + left);
    out += piece;
    left -= piece.length;
    at = 0;
  }
  return out;
}

function cutToBytes(text: string, bytes: number): string {
  if (byteLength(text) <= bytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

export function promptTokensOf(request: ChatRequest): number {
  return (
    countTokens(request.systemPrompt) +
    countTokens(request.prompt) +
    request.messageCount * TOKENS_PER_MESSAGE +
    REPLY_PRIMING +
    request.imageCount * (IMAGE_TOKENS[request.imageDetail] ?? IMAGE_TOKENS.auto!)
  );
}

/** Builds the emulator's answer to a request, with usage computed by the o200k tokenizer. */
export function generateAnswer(request: ChatRequest): Answer {
  const quote = quotePrompt(request.prompt);
  const body = sentences(request, quote).join(' ');
  const wanted = request.markers.answerBytes;
  let prefix: string;
  let suffix = '';
  let fillerBytes = 0;
  if (request.responseFormat === 'json_object') {
    const object = {
      emulator: true,
      model: request.model,
      prompt_start: quote,
      images: request.imageCount,
      reasoning_effort: request.reasoningEffort,
      answer: body,
    };
    const json = JSON.stringify(object);
    if (wanted !== undefined && wanted > byteLength(json) + 12) {
      prefix = `${json.slice(0, -1)},"filler":"`;
      suffix = '"}';
      fillerBytes = wanted - byteLength(prefix) - suffix.length;
    } else {
      prefix = json;
    }
  } else if (wanted !== undefined) {
    prefix = cutToBytes(body, wanted);
    fillerBytes = Math.max(0, wanted - byteLength(prefix));
  } else {
    prefix = body;
  }
  const { reasoning, summary } = reasoningFor(request, quote);
  const usage: AnswerUsage = {
    promptTokens: promptTokensOf(request),
    answerTokens: countTokens(prefix) + fillerTokens(fillerBytes) + countTokens(suffix),
    reasoningTokens: countTokens(reasoning),
  };
  const answer: Answer = {
    prefix,
    fillerBytes,
    suffix,
    reasoning,
    ...(summary ? { summary } : {}),
    finishReason: 'stop',
    usage,
  };
  const max = request.maxOutputTokens;
  if (max === undefined || usage.answerTokens + usage.reasoningTokens <= max) return answer;
  return truncateAnswer(answer, max);
}

/** What a model does at its output cap: reasoning first, then as much of the answer as fits. */
function truncateAnswer(answer: Answer, max: number): Answer {
  const budget = max - answer.usage.reasoningTokens;
  if (budget <= 0) {
    return {
      ...answer,
      prefix: '',
      fillerBytes: 0,
      suffix: '',
      finishReason: 'length',
      usage: { ...answer.usage, answerTokens: 0, reasoningTokens: max },
    };
  }
  const total = byteLength(answer.prefix) + answer.fillerBytes + answer.suffix.length;
  let take = Math.min(total, budget * 8);
  let tokens = encode(answerText(answer, take));
  while (tokens.length < budget && take < total) {
    take = Math.min(total, take * 2);
    tokens = encode(answerText(answer, take));
  }
  const text = decode(tokens.slice(0, budget));
  return {
    ...answer,
    prefix: text,
    fillerBytes: 0,
    suffix: '',
    finishReason: 'length',
    usage: { ...answer.usage, answerTokens: Math.min(budget, tokens.length) },
  };
}

/** The answer's text, whole or its first `limitBytes` bytes (roughly: the prefix is cut by characters). */
export function answerText(answer: Answer, limitBytes = Number.POSITIVE_INFINITY): string {
  let out = cutToBytes(answer.prefix, limitBytes);
  let left = limitBytes - byteLength(out);
  if (left <= 0) return out;
  const filler = Math.min(answer.fillerBytes, left);
  out += fillerText(0, filler);
  left -= filler;
  if (left > 0) out += answer.suffix.slice(0, left);
  return out;
}

/** The answer in pieces of `size` characters (the last may be shorter); the filler is made as it is sent. */
export function* answerPieces(answer: Answer, size: number): Generator<string> {
  let buffer = '';
  function* take(segment: string): Generator<string> {
    buffer += segment;
    while (buffer.length >= size) {
      let end = size;
      const code = buffer.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end++;
      yield buffer.slice(0, end);
      buffer = buffer.slice(end);
    }
  }
  yield* take(answer.prefix);
  for (let offset = 0; offset < answer.fillerBytes; offset += size) {
    yield* take(fillerText(offset, Math.min(size, answer.fillerBytes - offset)));
  }
  yield* take(answer.suffix);
  if (buffer) yield buffer;
}

/** Splits a text into pieces of about `size` UTF-16 units without breaking a surrogate pair. */
export function* splitText(text: string, size: number): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end++;
    yield text.slice(start, end);
    start = end;
  }
}
