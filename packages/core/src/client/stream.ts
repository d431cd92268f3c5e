import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { type Completion, emptyUsage } from '../completion.js';
import { readApiError } from '../errors/from-response.js';
import { ModelStreamError } from '../errors/model-stream-error.js';
import { InvalidResponseError, StreamFailedError, StreamTruncatedError } from '../errors/response-errors.js';
import { ValidationError } from '../errors/validation-error.js';
import { redactSecrets } from '../redact.js';
import { getModelSpec } from '../spec/catalogue.js';
import { type ModelParams, validateParams } from '../spec/validate.js';
import { type CallOptions, postForm, readJson } from './http-call.js';
import { attachJson, normalizeCompletion, normalizeUsage, statusOf } from './normalize-completion.js';
import type { ResolvedOptions } from './options.js';
import { wantsJson } from './request-body.js';

export type StreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'done'; completion: Completion };

interface Assembly {
  id: string;
  model: string;
  text: string;
  /** Characters of text seen, kept or not. */
  textLength: number;
  /** False when the caller only wants the deltas: the text is not accumulated. */
  keepText: boolean;
  reasoning: string;
  finishReason: string | undefined;
  usage: Completion['usage'];
  usageSeen: boolean;
  sawDone: boolean;
  /** Most characters of text kept (maxResponseBytes). */
  limit: number;
}

type Chunk = {
  id?: string;
  model?: string;
  usage?: unknown;
  choices?: {
    delta?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown };
    finish_reason?: unknown;
  }[];
};

type DeltaType = 'text-delta' | 'reasoning-delta';

/** The deltas of one network read, merged into runs of the same type (fewer, larger events). */
type DeltaRun = { type: DeltaType; parts: string[] };

function addDelta(runs: DeltaRun[], type: DeltaType, text: string): void {
  const last = runs[runs.length - 1];
  if (last?.type === type) last.parts.push(text);
  else runs.push({ type, parts: [text] });
}

/** A line that ends the stream; the error is made once the deltas read before it are applied. */
class LineProblem {
  constructor(readonly toError: (state: Assembly) => Error) {}
}

/** Applies one SSE message to the assembly, adding the deltas it carried to `runs`. */
function applyMessage(
  state: Assembly,
  message: EventSourceMessage,
  secrets: readonly (string | undefined)[],
  runs: DeltaRun[],
): void {
  if (message.data === '[DONE]') {
    state.sawDone = true;
    return;
  }
  let chunk: Chunk;
  try {
    chunk = JSON.parse(message.data) as Chunk;
  } catch {
    // Skipping it would return a shorter answer as if it were whole.
    throw new LineProblem(
      (s) =>
        new InvalidResponseError(
          `A line of the stream is not valid JSON (${message.data.length} characters, after ${s.textLength} characters of text). ` +
            'The request ran, so it was not sent again; the text that arrived is on error.partialText.',
          { partialText: s.text },
        ),
    );
  }
  const apiError = readApiError(chunk);
  if (apiError) {
    const said = apiError.message ? ` Server said: ${redactSecrets(apiError.message, secrets)}` : '';
    throw new LineProblem(
      (s) =>
        new StreamFailedError(
          `The stream failed after the request ran (${s.textLength} characters of text had arrived).${said} ` +
            'It was not sent again (it may be billed); the partial text is on error.partialText and the usage seen on error.usage.',
          {
            partialText: s.text,
            usage: s.usageSeen ? s.usage : undefined,
            code: apiError.code === undefined ? undefined : String(apiError.code),
            type: apiError.type,
            param: apiError.param,
            status: typeof apiError.code === 'number' ? apiError.code : undefined,
          },
        ),
    );
  }
  state.id ||= chunk.id ?? '';
  state.model ||= chunk.model ?? '';
  if (chunk.usage) {
    state.usage = normalizeUsage(chunk.usage);
    state.usageSeen = true;
  }
  const choice = chunk.choices?.[0];
  const delta = choice?.delta;
  const reasoning = delta?.reasoning_content ?? delta?.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') addDelta(runs, 'reasoning-delta', reasoning);
  if (typeof delta?.content === 'string' && delta.content !== '') addDelta(runs, 'text-delta', delta.content);
  if (typeof choice?.finish_reason === 'string') state.finishReason = choice.finish_reason;
}

const tooLong = (state: Assembly) =>
  new InvalidResponseError(
    `The streamed answer passed ${state.limit} characters (the maxResponseBytes setting) and was not kept further; ` +
      'the request was not sent again. The text so far is on error.partialText; stream with keepText: false to pipe longer answers.',
    { partialText: state.text },
  );

/** One event per run, each a flat string; the assembly keeps one piece per run, not one per SSE message. */
function flushRuns(state: Assembly, runs: DeltaRun[]): StreamEvent[] {
  return runs.map(({ type, parts }) => {
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    if (type === 'text-delta') {
      state.textLength += text.length;
      if (state.keepText) {
        if (state.text.length + text.length > state.limit) throw tooLong(state);
        state.text += text;
      }
    } else state.reasoning += text;
    return { type, text };
  });
}

function toCompletion(state: Assembly, requestId: string | undefined, json: boolean): Completion {
  const finishReason = state.finishReason ?? 'stop';
  const completion: Completion = {
    id: state.id,
    model: state.model,
    text: state.text,
    ...(state.reasoning ? { reasoningSummary: state.reasoning } : {}),
    finishReason,
    status: statusOf(finishReason),
    usage: state.usage,
    ...(requestId ? { requestId } : {}),
    raw: {
      id: state.id,
      object: 'chat.completion',
      model: state.model,
      choices: [
        { index: 0, message: { role: 'assistant', content: state.text }, finish_reason: finishReason },
      ],
      usage: state.usage,
    },
  };
  if (json) attachJson(completion);
  return completion;
}

function streamParams(opts: ResolvedOptions, input: Record<string, unknown>): ModelParams {
  const model = getModelSpec(opts.model);
  if (input.background === true) {
    throw new ValidationError([
      {
        field: 'background',
        value: true,
        allowed: 'false when streaming',
        message: `background: true cannot be combined with stream for ${model.id}; use one or the other`,
      },
    ]);
  }
  return validateParams(model, { ...input, stream: true });
}

export interface StreamOptions extends CallOptions {
  /**
   * Keep the text to return it on `done` (default true). False for a pipe that only needs the deltas:
   * memory stays flat however long the answer, and `done.completion.text` is empty. JSON answers are
   * always kept, to be parsed.
   */
  keepText?: boolean | undefined;
}

/**
 * Streams an answer: text and reasoning deltas as they arrive, then `done` with the whole Completion.
 * A stream that stops before `[DONE]` or a finish reason throws StreamTruncatedError with what arrived.
 */
export async function* streamCompletion(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: StreamOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  const params = streamParams(opts, input);
  const secrets = [opts.apiKey, ...opts.secrets];
  const json = wantsJson(params);
  const response = await postForm(opts, params, opts.timeouts.headersMs, options);
  if (!(response.headers['content-type'] ?? '').includes('text/event-stream')) {
    const completion = normalizeCompletion(await readJson(response, opts), {
      requestId: response.requestId,
      json,
    });
    if (completion.text) yield { type: 'text-delta', text: completion.text };
    yield { type: 'done', completion };
    return;
  }
  const state: Assembly = {
    id: '',
    model: '',
    text: '',
    textLength: 0,
    keepText: options.keepText !== false || json,
    reasoning: '',
    finishReason: undefined,
    usage: emptyUsage(),
    usageSeen: false,
    sawDone: false,
    limit: opts.maxResponseBytes,
  };
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  const decoder = new TextDecoder();
  let started = false;
  try {
    for await (const bytes of response.body) {
      parser.feed(decoder.decode(bytes, { stream: true }));
      if (pending.length === 0) continue;
      // The SSE messages of one read are applied together and their deltas merged: a read of many small
      // deltas becomes one event instead of hundreds (an async iteration step each). The very first
      // delta goes out on its own at once, so merging never delays the first text.
      const runs: DeltaRun[] = [];
      let failure: unknown;
      for (const message of pending) {
        try {
          applyMessage(state, message, secrets, runs);
        } catch (error) {
          failure = error;
          break;
        }
        if (!started && runs.length > 0) {
          started = true;
          for (const event of flushRuns(state, runs)) yield event;
          runs.length = 0;
        }
      }
      pending.length = 0;
      for (const event of flushRuns(state, runs)) yield event;
      if (failure instanceof LineProblem) throw failure.toError(state);
      if (failure !== undefined) throw failure;
      if (state.sawDone) break;
    }
  } catch (error) {
    if (error instanceof ModelStreamError) throw error;
    throw response.failure(error);
  } finally {
    response.release();
  }
  if (!state.sawDone && state.finishReason === undefined) {
    throw new StreamTruncatedError(
      `The stream ended before the answer was complete (no [DONE] and no finish reason; ${state.textLength} characters arrived). ` +
        'The partial text is on error.partialText; it was not sent again.',
      { partialText: state.text, requestId: response.requestId },
    );
  }
  yield { type: 'done', completion: toCompletion(state, response.requestId, json) };
}

export async function collectStream(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: CallOptions = {},
) {
  for await (const event of streamCompletion(opts, input, options)) {
    if (event.type === 'done') return event.completion;
  }
  throw new StreamTruncatedError('The stream ended without a final answer.', { partialText: '' });
}
