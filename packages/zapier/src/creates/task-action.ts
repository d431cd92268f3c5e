import type { ParamSpec } from '@modelstream-kit/core';
import { defineCreate } from 'zapier-platform-core';
import { type Resolved, stepBudget } from '../client.js';
import { inputFieldsFor } from '../fields.js';
import { guarded } from '../guard.js';
import { answerOutputFields, sampleAnswer } from '../output.js';
import { preparePrompt } from '../prompt-input.js';
import { runPrompt } from '../run-prompt.js';
import { taskString } from '../tasks/registry.js';
import type { Task } from '../tasks/task.js';
import { type TaskOutput, taskCommonFields, taskOutput } from '../tasks/task-output.js';

/**
 * What a task sets itself: the prompt and system prompt (from its template), the response format, and
 * images (text tasks; image detail only matters with images).
 */
export const taskOwned = (param: ParamSpec) =>
  param.role === 'prompt' ||
  param.role === 'instructions' ||
  param.role === 'images' ||
  param.name === 'image_detail' ||
  param.name === 'response_format';

/** The spec while the inputs make one (for the editor's fields and samples); undefined otherwise. */
export function specOrUndefined<S>(
  task: Task<S>,
  inputData: Record<string, unknown> | undefined,
): S | undefined {
  try {
    return task.specFrom({ text: '-', ...inputData });
  } catch {
    return undefined;
  }
}

export function taskSample<S>(task: Task<S>, spec: S | undefined): TaskOutput {
  const { text: _t, ...answer } = sampleAnswer;
  return {
    ...answer,
    text: 'Sample answer (testing this step in the Zap editor does not call the model).',
    ...task.sample(spec),
    task: spec ? taskString(task, spec as object) : JSON.stringify({ task: task.name }),
    valid: true,
    problems: '',
  };
}

/**
 * A task-shaped action built from the same blocks as Send Prompt (spec fields, Max Cost, the 30-second
 * run, pending jobs for Find Completion), with the task's inputs, prompt template and typed output.
 */
export function taskActionFor<S>(
  options: Resolved,
  task: Task<S>,
  display: { key: string; noun: string; label: string; description: string },
) {
  return defineCreate({
    key: display.key,
    noun: display.noun,
    display: { label: display.label, description: display.description },
    operation: {
      inputFields: [...task.inputFields, ...inputFieldsFor(options.model, taskOwned)],
      perform: async (z, bundle): Promise<TaskOutput> =>
        guarded(
          z,
          bundle,
          async (context) => {
            const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
            const spec = task.specFrom(inputData);
            if (bundle.meta?.isLoadingSample) return taskSample(task, spec);
            const budget = stepBudget(options);
            const { params, client } = await preparePrompt(z, bundle, options, budget, {
              skip: taskOwned,
              fixed: task.params(spec, inputData),
            });
            return taskOutput(await runPrompt(client, params, options, budget, context), task, spec);
          },
          true,
        ),
      sample: taskSample(task, undefined),
      outputFields: [
        ...answerOutputFields,
        ...taskCommonFields,
        async (_z: unknown, bundle: { inputData?: Record<string, unknown> }) =>
          task.outputFields(specOrUndefined(task, bundle.inputData)),
      ],
    },
  });
}
