import {
  type Delivery,
  type ModelParams,
  type ModelStreamClient,
  resolveDelivery,
} from '@modelstream-kit/core';
import type { Resolved, StepBudget } from './client.js';
import type { ErrorContext } from './errors.js';
import { type AnswerOutput, completionOutput, pendingOutput } from './output.js';

/** Zapier cannot stream, and a plain call cannot outlast the step: every prompt is a background job. */
export const ZAPIER_DELIVERIES: readonly Delivery[] = ['background'];

/**
 * Runs the prompt as the core's `run` does for any surface: the answer if it is ready within the step's
 * budget, else the pending job. `within: 0` starts the job and hands it back at once. The job's id goes
 * into `context` as soon as it is known, so any later error names it.
 */
export async function runPrompt(
  client: ModelStreamClient,
  params: ModelParams,
  options: Resolved,
  budget: StepBudget,
  context: ErrorContext,
  run: { within?: number; pendingNote?: string } = {},
): Promise<AnswerOutput> {
  const result = await client.run(params, {
    within: run.within ?? budget.left(),
    // Even when the step hands the job back at once, the start itself must fit in the step.
    startDeadlineMs: budget.left(),
    delivery: resolveDelivery(options.model, {}, ZAPIER_DELIVERIES),
    onJob: (job) => {
      context.jobId = job.id;
    },
  });
  return result.status === 'completed'
    ? completionOutput(result.completion)
    : pendingOutput(result.job, options.model.id, run.pendingNote);
}
