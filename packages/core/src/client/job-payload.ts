import type { Completion, Job, JobStatus } from '../completion.js';
import { readApiError } from '../errors/from-response.js';
import { JobFailedError } from '../errors/response-errors.js';
import { redactSecrets } from '../redact.js';
import { jobStatusOf, normalizeCompletion } from './normalize-completion.js';

const TERMINAL: readonly JobStatus[] = ['completed', 'failed', 'cancelled', 'incomplete'];
export const isTerminal = (status: JobStatus): boolean => TERMINAL.includes(status);

/** The job a payload describes: a Responses object, or a chat completion that carries a `status`. */
export function readJob(payload: unknown): Job | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const { id } = payload as { id?: unknown };
  const status = jobStatusOf(payload);
  if (typeof id !== 'string' || !status) return undefined;
  if (Array.isArray((payload as { choices?: unknown }).choices) && !('status' in payload)) return undefined;
  return { id, status };
}

/** A finished chat completion (no job status): what a gateway that ignores `background` answers. */
export function isFinishedChatCompletion(payload: unknown): boolean {
  return (
    !!payload &&
    typeof payload === 'object' &&
    Array.isArray((payload as { choices?: unknown }).choices) &&
    !('status' in payload)
  );
}

export function echoesJson(payload: unknown): boolean {
  const p = payload as { response_format?: unknown; text?: { format?: { type?: unknown } } };
  return p?.response_format === 'json_object' || p?.text?.format?.type === 'json_object';
}

export const endedWithoutAnswer = (job: Job) => job.status === 'failed' || job.status === 'cancelled';

export function jobFailure(
  payload: unknown,
  job: Job,
  requestId: string | undefined,
  secrets: readonly (string | undefined)[],
): JobFailedError {
  const api = readApiError(payload);
  const reason = api?.message ? ` Server said: ${redactSecrets(api.message, secrets)}` : '';
  const jobStatus = job.status === 'failed' ? 'failed' : 'cancelled';
  return new JobFailedError(
    `Background job ${job.id} ${jobStatus === 'failed' ? 'failed' : 'was cancelled'}.${reason}`,
    {
      jobId: job.id,
      jobStatus,
      code: api?.code === undefined ? undefined : String(api.code),
      type: api?.type,
      requestId,
    },
  );
}

/** The answer of a finished job, or the typed failure it ended with. */
export function completionOfTerminal(
  payload: unknown,
  job: Job,
  options: {
    json?: boolean | undefined;
    requestId: string | undefined;
    secrets: readonly (string | undefined)[];
  },
): Completion {
  if (endedWithoutAnswer(job)) throw jobFailure(payload, job, options.requestId, options.secrets);
  return normalizeCompletion(payload, {
    requestId: options.requestId,
    json: options.json ?? echoesJson(payload),
  });
}
