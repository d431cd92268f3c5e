import { defineCreate } from 'zapier-platform-core';
import { clientFor, type Resolved, stepBudget } from '../client.js';
import { guarded } from '../guard.js';
import { jobIdField, readJobId } from '../job-input.js';
import { SAMPLE_JOB_ID } from '../output.js';

export type CancelOutput = {
  id: string;
  /** What ModelStream says the job is now: `cancelled`, or how it had already ended. */
  status: string;
  job_status: string;
  cancelled: boolean;
  note: string;
};

function cancelNote(status: string): string {
  if (status === 'cancelled') return '';
  if (status === 'completed' || status === 'incomplete') {
    return `The job had already ended (${status}); nothing was cancelled, and its answer can still be collected with Find Completion.`;
  }
  if (status === 'failed') return 'The job had already failed; nothing was cancelled.';
  return `ModelStream reports the job as ${status.replace('_', ' ')} after the cancel request; check again with Find Completion.`;
}

/** Stops a background job upstream, so an answer nobody will collect is not paid for to the end. */
export function cancelCompletionFor(options: Resolved) {
  return defineCreate({
    key: 'cancel_completion',
    noun: 'Background Completion',
    display: {
      label: 'Cancel Background Completion',
      description:
        'Cancels a running background completion by its job ID, and says what ModelStream reports.',
    },
    operation: {
      inputFields: [jobIdField],
      perform: async (z, bundle): Promise<CancelOutput> =>
        guarded(z, bundle, async (context) => {
          const id = readJobId((bundle.inputData ?? {}) as Record<string, unknown>);
          context.jobId = id;
          if (bundle.meta?.isLoadingSample) return sampleCancel;
          const job = await clientFor(z, bundle, options).cancel(id, {
            deadlineMs: stepBudget(options).left(),
          });
          return {
            id: job.id,
            status: job.status,
            job_status: job.status,
            cancelled: job.status === 'cancelled',
            note: cancelNote(job.status),
          };
        }),
      sample: sampleCancel,
      outputFields: [
        { key: 'id', label: 'Job ID' },
        { key: 'status', label: 'Status (as ModelStream reports it after the cancel)' },
        { key: 'job_status', label: 'Job Status (as ModelStream reports it)' },
        { key: 'cancelled', label: 'Cancelled by This Step', type: 'boolean' },
        { key: 'note', label: 'Note' },
      ],
    },
  });
}

const sampleCancel: CancelOutput = {
  id: SAMPLE_JOB_ID,
  status: 'cancelled',
  job_status: 'cancelled',
  cancelled: true,
  note: '',
};
