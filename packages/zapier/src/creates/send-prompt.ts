import { defineCreate } from 'zapier-platform-core';
import type { Resolved } from '../client.js';
import { timeLeft } from '../client.js';
import { inputFieldsFor } from '../fields.js';
import { guarded } from '../guard.js';
import {
  type AnswerOutput,
  answerOutputFields,
  completionOutput,
  pendingOutput,
  sampleAnswer,
} from '../output.js';
import { preparePrompt } from '../prompt-input.js';

/**
 * The answer if it is ready within the step's budget (about 25 of Zapier's 30 s), otherwise the running
 * job's ID with status "pending" for a Find Completion step. Nothing is lost or paid twice at the limit.
 */
export function sendPromptFor(options: Resolved) {
  return defineCreate({
    key: 'send_prompt',
    noun: 'Completion',
    display: {
      label: 'Send Prompt',
      description: `Asks ${options.model.label} and returns the answer, or a job ID to collect when the answer takes longer than Zapier allows a step.`,
    },
    operation: {
      inputFields: inputFieldsFor(options.model),
      perform: async (z, bundle): Promise<AnswerOutput> =>
        guarded(z, bundle, async () => {
          if (bundle.meta?.isLoadingSample) return sampleAnswer;
          const startedAt = Date.now();
          const { params, client } = await preparePrompt(z, bundle, options, startedAt);
          const result = await client.run(params, { within: timeLeft(startedAt, options.budgetMs) });
          return result.status === 'completed'
            ? completionOutput(result.completion)
            : pendingOutput(result.job, options.model.id);
        }),
      sample: sampleAnswer,
      outputFields: answerOutputFields,
    },
  });
}
