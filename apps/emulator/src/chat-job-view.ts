import type { Job, JobStore } from './jobs.js';
import { chatChoice, chatUsage, SYSTEM_FINGERPRINT } from './shapes.js';

/**
 * A job as the `chat-job` profile shows it: a chat.completion with a `status`, its `choices` empty until
 * it is done. A chat completion has no `incomplete`: a job cut at `max_output_tokens` is `completed` with
 * `finish_reason: "length"`.
 */
export function chatJobView(jobs: JobStore, job: Job) {
  const status = jobs.status(job);
  const done = status === 'completed' || status === 'incomplete';
  const endedAt = jobs.endedAt(job, status);
  return {
    id: job.id,
    object: 'chat.completion',
    created: Math.floor(job.createdAt / 1000),
    model: job.model,
    status: status === 'incomplete' ? 'completed' : status,
    background: true,
    choices: done ? [chatChoice(job.answer)] : [],
    usage: done ? chatUsage(job.answer) : null,
    error:
      status === 'failed' && job.ending.kind === 'fail'
        ? { code: 'server_error', message: job.ending.message }
        : null,
    completed_at: done && endedAt !== undefined ? Math.floor(endedAt / 1000) : null,
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}
