import { type ModelSpec, type ModelStreamClient, ValidationError } from '@modelstream-kit/core';
import {
  BaseChatModel,
  type ChatModelConfig,
  type GenerateResult,
  type Message,
  type StreamChunk,
  type Tool,
} from '@n8n/ai-node-sdk';
import { formParams, toConversationForm } from './to-form';
import { toGenerateResult } from './to-result';

export interface ChatModelSettings {
  model: ModelSpec;
  client: ModelStreamClient;
  /** The node's settings (reasoning effort, verbosity, …) by the form's names. */
  params: Record<string, unknown>;
  /** How long to wait for a background job before giving up (it is cancelled then). */
  maxWaitMs: number;
  /** The execution's cancel signal: a stop cancels the upstream job. */
  signal?: AbortSignal | undefined;
  /** Turns a failure into what n8n shows (names the job, hides the key). */
  toError: (error: unknown) => Error;
}

/** LangChain passes its call options (with `signal`) where the SDK's config is typed. */
type CallConfig = ChatModelConfig & { signal?: AbortSignal };

function linkedSignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

export const TOOLS_UNSUPPORTED =
  "ModelStream's form has no field for tools, so this model cannot call the agent's tools";

/**
 * GPT-5.4 pro through ModelStream as an n8n chat model. Every call is one answer, paid for once: a
 * background job (the model's preferred delivery) waited with n8n's sleep, cancelled upstream when the
 * execution stops. Tool calling is refused by name: the flattened form has no tools or tool-call fields.
 */
export class ModelStreamLanguageModel extends BaseChatModel {
  constructor(
    private readonly settings: ChatModelSettings,
    tools: Tool[] = [],
  ) {
    super('modelstream', settings.model.id, undefined, tools);
  }

  override withTools(tools: Tool[]): ModelStreamLanguageModel {
    return new ModelStreamLanguageModel(this.settings, [...this.tools, ...tools]);
  }

  async generate(messages: Message[], config?: CallConfig): Promise<GenerateResult> {
    const { model, client, params, maxWaitMs, toError } = this.settings;
    try {
      if (this.tools.length > 0) {
        const names = this.tools.map((tool) => tool.name).join(', ');
        throw new ValidationError([
          {
            field: 'tools',
            value: names,
            allowed: 'no tools',
            message: `tools: ${TOOLS_UNSUPPORTED} (${names}). Disconnect the tools from the AI Agent, or add the ModelStream node as a tool of an agent whose model calls tools.`,
          },
        ]);
      }
      const form = toConversationForm(messages);
      const result = await client.run(
        { ...params, ...formParams(model, form) },
        {
          maxWaitMs,
          cancelOnAbort: true,
          signal: linkedSignal(this.settings.signal, config?.signal, config?.abortSignal),
        },
      );
      if (result.status !== 'completed') {
        throw new Error(`job ${result.job.id} is still running upstream`);
      }
      return toGenerateResult(result.completion, result.job);
    } catch (error) {
      throw toError(error);
    }
  }

  /**
   * n8n streams an agent's answer when the trigger asks for it. A Pro answer runs as a background job
   * (it survives a dropped connection and is never paid twice), so the stream is the finished answer in
   * one piece, then its usage.
   */
  async *stream(messages: Message[], config?: CallConfig): AsyncIterable<StreamChunk> {
    const result = await this.generate(messages, config);
    const text = result.message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    if (text) yield { type: 'text-delta', id: result.id, delta: text };
    yield {
      type: 'finish',
      finishReason: result.finishReason ?? 'stop',
      ...(result.usage ? { usage: result.usage } : {}),
    };
  }
}
