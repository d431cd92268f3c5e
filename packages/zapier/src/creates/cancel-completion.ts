import { defineCreate } from 'zapier-platform-core';
import { clientFor, type Resolved, timeLeft } from '../client.js';
import { guarded } from '../guard.js';
import { jobIdField, readJobId } from '../job-input.js';
import { SAMPLE_JOB_ID } from '../output.js';

export interface CancelOutput {
  id: string;
  status: 'cancelled';
  job_status: string;
}

/** Stops a background job upstream, so an answer nobody will collect is not paid for to the end. */
export function cancelCompletionFor(options: Resolved) {
  return defineCreate({
    key: 'cancel_completion',
    noun: 'Background Completion',
    display: {
      label: 'Cancel Background Completion',
      description: 'Cancels a running background completion by its job ID.',
    },
    operation: {
      inputFields: [jobIdField],
      perform: async (z, bundle): Promise<CancelOutput> =>
        guarded(z, bundle, async () => {
          const id = readJobId((bundle.inputData ?? {}) as Record<string, unknown>);
          if (bundle.meta?.isLoadingSample) return { id, status: 'cancelled', job_status: 'cancelled' };
          const startedAt = Date.now();
          const job = await clientFor(z, bundle, options).cancel(id, {
            deadlineMs: timeLeft(startedAt, options.budgetMs),
          });
          return { id: job.id, status: 'cancelled', job_status: job.status };
        }),
      sample: { id: SAMPLE_JOB_ID, status: 'cancelled', job_status: 'cancelled' },
      outputFields: [
        { key: 'id', label: 'Job ID' },
        { key: 'status', label: 'Status' },
        { key: 'job_status', label: 'Job Status (as ModelStream reports it)' },
      ],
    },
  });
}
