import { defineCreate } from 'zapier-platform-core';
import { type Resolved, stepBudget } from '../client.js';
import { ADVANCED_TOGGLE, inputFieldsFor, isYes } from '../fields.js';
import { guarded } from '../guard.js';
import { jsonOutputFields, readJsonExample } from '../json-example.js';
import { type AnswerOutput, answerOutputFields, flattenJson, sampleAnswer } from '../output.js';
import { preparePrompt } from '../prompt-input.js';
import { runPrompt } from '../run-prompt.js';

/** The JSON Example while it applies (advanced options shown, JSON Object chosen); bad input throws. */
const exampleIn = (data: Record<string, unknown>) =>
  isYes(data[ADVANCED_TOGGLE]) && data.response_format === 'json_object' ? readJsonExample(data) : undefined;

const exampleOf = (inputData: Record<string, unknown> | undefined) => {
  try {
    return exampleIn(inputData ?? {});
  } catch {
    return undefined;
  }
};

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
        guarded(
          z,
          bundle,
          async (context) => {
            const example = exampleIn((bundle.inputData ?? {}) as Record<string, unknown>);
            if (bundle.meta?.isLoadingSample) {
              // The editor's test calls nothing; with a JSON Example its keys are there to map.
              return example
                ? { ...sampleAnswer, text: JSON.stringify(example), ...flattenJson(example) }
                : sampleAnswer;
            }
            const budget = stepBudget(options);
            const { params, client } = await preparePrompt(z, bundle, options, budget);
            return runPrompt(client, params, options, budget, context);
          },
          true,
        ),
      sample: sampleAnswer,
      outputFields: [
        ...answerOutputFields,
        async (_z: unknown, bundle: { inputData?: Record<string, unknown> }) =>
          jsonOutputFields(exampleOf(bundle.inputData)),
      ],
    },
  });
}
