import type { Completion, Job } from '@modelstream-kit/core';
import type { IDataObject } from 'n8n-workflow';

/** What most workflows need from an answer; `json` only for JSON answers. */
export function simplifyCompletion(completion: Completion): IDataObject {
  const out: IDataObject = { text: completion.text };
  if (completion.json !== undefined) out.json = completion.json as IDataObject;
  if (completion.reasoningSummary !== undefined) out.reasoningSummary = completion.reasoningSummary;
  out.usage = completion.usage as unknown as IDataObject;
  out.id = completion.id;
  out.model = completion.model;
  out.finishReason = completion.finishReason;
  return out;
}

/** The response as the server sent it (for a stream: the assembled last state). */
export function rawCompletion(completion: Completion): IDataObject {
  const raw = completion.raw;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
  return { raw: raw as IDataObject[keyof IDataObject] };
}

/** What the answer cost at the prices in force, and which prices those were. */
export function costOutput(completion: Completion): IDataObject | undefined {
  const cost = completion.cost;
  if (!cost) return undefined;
  const { input, output, total, currency, source, tier } = cost;
  return { input, output, total, currency, source, tier };
}

export function completionOutput(completion: Completion, simplify: boolean): IDataObject {
  const out = simplify ? simplifyCompletion(completion) : { ...rawCompletion(completion) };
  const cost = costOutput(completion);
  if (cost) out.cost = cost;
  return out;
}

/** A job not finished yet: its ID is what Get Job needs later. */
export function pendingOutput(job: Job, model: string): IDataObject {
  return { id: job.id, status: job.status, model };
}
