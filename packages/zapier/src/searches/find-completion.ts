import { BadRequestError, type JobStatus, ValidationError } from '@modelstream-kit/core';
import { defineSearch, type PlainInputField } from 'zapier-platform-core';
import { clientFor, type Resolved, stepBudget } from '../client.js';
import { guarded } from '../guard.js';
import { jobIdField, readJobId } from '../job-input.js';
import {
  type AnswerOutput,
  answerOutputFields,
  completionOutput,
  pendingOutput,
  SAMPLE_JOB_ID,
  sampleAnswer,
} from '../output.js';

export const RECHECK_DEFAULT_SECONDS = 60;
const RECHECK_MIN = 15;
const RECHECK_MAX = 3_600;

function readRecheck(value: unknown): number {
  if (value === undefined || value === null || value === '') return RECHECK_DEFAULT_SECONDS;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < RECHECK_MIN || n > RECHECK_MAX) {
    throw new ValidationError([
      {
        field: 'recheck_after',
        value,
        allowed: `a whole number of seconds from ${RECHECK_MIN} to ${RECHECK_MAX}`,
        message: `recheck_after: ${JSON.stringify(value)} is not allowed; use a whole number of seconds from ${RECHECK_MIN} to ${RECHECK_MAX}`,
      },
    ]);
  }
  return n;
}

const ifNotReadyField: PlainInputField = {
  key: 'if_not_ready',
  label: 'If It Is Still Running',
  type: 'string',
  required: false,
  default: 'wait',
  choices: [
    {
      value: 'wait',
      sample: 'wait',
      label: 'Wait for the answer (this step is rescheduled until it is ready)',
    },
    {
      value: 'return_pending',
      sample: 'return_pending',
      label: 'Return the job with status "pending" and carry on',
    },
  ],
  helpText:
    'Wait (default): the step keeps the Zap run waiting until the answer is ready, checking again every **Check Again After** seconds. Return pending: the step finishes at once; use a Filter or Paths on **Status**.',
};

/** The choice as given, or the default; anything else is refused like every other choice. */
function readIfNotReady(value: unknown): string {
  if (value === undefined || value === null || value === '') return String(ifNotReadyField.default);
  const allowed = (ifNotReadyField.choices as { value: string }[]).map((c) => c.value);
  const given = String(value).trim();
  if (allowed.includes(given)) return given;
  throw new ValidationError([
    {
      field: 'if_not_ready',
      value,
      allowed: allowed.join(' or '),
      message: `if_not_ready: ${JSON.stringify(value)} is not allowed; use ${allowed.join(' or ')}`,
    },
  ]);
}

/**
 * Collects a background job. While it runs, this step waits out its budget and then asks Zapier to run it
 * again later (a ThrottledError with a delay: the run shows as waiting, not failed), so a Zap gets a
 * 30-minute answer with no loop to build. A job ModelStream does not know is "nothing found".
 */
export function findCompletionFor(options: Resolved) {
  return defineSearch({
    key: 'find_completion',
    noun: 'Completion',
    display: {
      label: 'Find Completion',
      description:
        'Finds a background completion by its job ID and returns the answer, waiting for it (Zapier checks again by itself) while it is still running.',
    },
    operation: {
      inputFields: [
        jobIdField,
        ifNotReadyField,
        {
          key: 'recheck_after',
          label: 'Check Again After (seconds)',
          type: 'integer',
          required: false,
          helpText: `How long Zapier waits before checking a running job again. Default ${RECHECK_DEFAULT_SECONDS}; ${RECHECK_MIN} to ${RECHECK_MAX}.`,
        },
      ],
      perform: async (z, bundle): Promise<AnswerOutput[]> =>
        guarded(z, bundle, async (context) => {
          const inputData = (bundle.inputData ?? {}) as Record<string, unknown>;
          const id = readJobId(inputData);
          const recheck = readRecheck(inputData.recheck_after);
          const ifNotReady = readIfNotReady(inputData.if_not_ready);
          context.jobId = id;
          const sampleMode = bundle.meta?.isLoadingSample === true;
          if (sampleMode && id === SAMPLE_JOB_ID) return [sampleAnswer];
          const budget = stepBudget(options);
          const client = clientFor(z, bundle, options);
          let last: JobStatus = 'queued';
          try {
            if (sampleMode || ifNotReady === 'return_pending') {
              // One look, never a wait: the editor's test, or a Zap that branches on Status.
              const snapshot = await client.retrieve(id, { deadlineMs: budget.left() });
              if (snapshot.error) throw snapshot.error;
              return [
                snapshot.completion
                  ? completionOutput(snapshot.completion)
                  : pendingOutput(snapshot.job, options.model.id),
              ];
            }
            const result = await client.run(
              {},
              {
                resumeJob: id,
                within: budget.left(),
                onPoll: (job) => {
                  last = job.status;
                },
              },
            );
            if (result.status === 'completed') return [completionOutput(result.completion)];
          } catch (error) {
            if (error instanceof BadRequestError && error.status === 404 && error.code === 'not_found')
              return [];
            throw error;
          }
          throw new z.errors.ThrottledError(
            `ModelStream job ${id} is still ${last.replace('_', ' ')}; Zapier will check again in ${recheck} s.`,
            recheck,
          );
        }),
      sample: sampleAnswer,
      outputFields: answerOutputFields,
    },
  });
}
