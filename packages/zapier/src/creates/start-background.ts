import { defineCreate } from 'zapier-platform-core';
import { type Resolved, stepBudget } from '../client.js';
import { inputFieldsFor } from '../fields.js';
import { guarded } from '../guard.js';
import { type AnswerOutput, answerOutputFields, samplePending } from '../output.js';
import { preparePrompt } from '../prompt-input.js';
import { runPrompt } from '../run-prompt.js';

export const STARTED_NOTE =
  'Started as a background job. Collect the answer with a "Find Completion" step using this ID; it waits for the answer by itself.';

/** Starts the answer as a background job and returns its ID at once. */
export function startBackgroundFor(options: Resolved) {
  return defineCreate({
    key: 'start_background_completion',
    noun: 'Background Completion',
    display: {
      label: 'Start Background Completion',
      description: `Starts ${options.model.label} on a prompt as a background job and returns its ID at once, to collect with Find Completion.`,
    },
    operation: {
      inputFields: inputFieldsFor(options.model),
      perform: async (z, bundle): Promise<AnswerOutput> =>
        guarded(
          z,
          bundle,
          async (context) => {
            if (bundle.meta?.isLoadingSample) return { ...samplePending, note: STARTED_NOTE };
            const budget = stepBudget(options);
            const { params, client } = await preparePrompt(z, bundle, options, budget);
            return runPrompt(client, params, options, budget, context, {
              within: 0,
              pendingNote: STARTED_NOTE,
            });
          },
          true,
        ),
      sample: { ...samplePending, note: STARTED_NOTE },
      outputFields: answerOutputFields,
    },
  });
}
