import type { Completion, Job } from '@modelstream-kit/core';
import type { FinishReason, GenerateResult, TokenUsage } from '@n8n/ai-node-sdk';

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
};

/** ModelStream's usage in the SDK's names, which n8n's token accounting reads. */
export function tokenUsageOf(completion: Completion): TokenUsage {
  const { usage } = completion;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    ...(typeof cached === 'number' ? { inputTokenDetails: { cacheRead: cached } } : {}),
    ...(typeof reasoning === 'number' ? { outputTokenDetails: { reasoning } } : {}),
  };
}

/**
 * A finished answer as the SDK's result: the text as the assistant's message, the usage, and what a
 * person needs later in the provider metadata (the job id, the cost and its price source).
 */
export function toGenerateResult(completion: Completion, job: Job | undefined): GenerateResult {
  const metadata: Record<string, unknown> = {
    model: completion.model,
    status: completion.status,
    finishReason: completion.finishReason,
  };
  if (job) metadata.jobId = job.id;
  if (completion.cost) metadata.cost = completion.cost;
  if (completion.reasoningSummary) metadata.reasoningSummary = completion.reasoningSummary;
  if (completion.requestId) metadata.requestId = completion.requestId;
  return {
    id: completion.id,
    finishReason: FINISH[completion.finishReason] ?? 'other',
    usage: tokenUsageOf(completion),
    message: { role: 'assistant', id: completion.id, content: [{ type: 'text', text: completion.text }] },
    providerMetadata: metadata,
  };
}
