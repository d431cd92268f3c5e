import type { Completion, Job } from '../completion.js';
import { costOf } from '../cost/cost-of.js';
import { JobFailedError } from '../errors/response-errors.js';
import { AbortedError } from '../errors/transport-errors.js';
import { digestPrompt, type LedgerUpdate } from '../ledger/job-ledger.js';
import { redactSecrets } from '../redact.js';
import type { Delivery } from '../spec/param-spec.js';
import type { ResolvedOptions } from './options.js';

type Secrets = readonly (string | undefined)[];

/** The exact secrets removed from a text (answers keep key-shaped text that is not a secret of ours). */
function removeSecrets(text: string, secrets: Secrets): string {
  let out = text;
  for (const secret of secrets)
    if (secret && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

/** Every string inside a value, scrubbed of the secrets (a gateway may echo the key into an answer). */
export function scrubValue<T>(value: T, secrets: Secrets, depth = 0): T {
  if (typeof value === 'string') return removeSecrets(value, secrets) as T;
  if (!value || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[removeSecrets(key, secrets)] = scrubValue(item, secrets, depth + 1);
  return out as T;
}

const ERROR_TEXT_FIELDS = ['message', 'stack', 'code', 'type', 'param', 'requestId', 'cause'] as const;

/** The error with every text field scrubbed: message, stack, code, type, param, requestId, cause. */
export function scrubError<E>(error: E, secrets: Secrets): E {
  if (!(error instanceof Error)) return error;
  for (const field of ERROR_TEXT_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue;
    const clean = redactSecrets(value, secrets);
    if (clean !== value) {
      Object.defineProperty(error, field, {
        value: clean,
        enumerable: field !== 'message' && field !== 'stack',
        configurable: true,
        writable: true,
      });
    }
  }
  return error;
}

/** What the client does with every answer and failure: cost, scrubbing, and the ledger. */
export class Finisher {
  readonly #opts: ResolvedOptions;
  constructor(opts: ResolvedOptions) {
    this.#opts = opts;
  }

  get secrets(): Secrets {
    return [this.#opts.apiKey, ...this.#opts.secrets];
  }

  /** Records to the ledger without ever failing the call. */
  #record(update: Omit<LedgerUpdate, 'updatedAt'>): void {
    const ledger = this.#opts.ledger;
    if (!ledger) return;
    const warn = (error: unknown) =>
      this.#opts.logger?.warn('modelstream: the job ledger failed; the call goes on', {
        id: update.id,
        error: redactSecrets(error instanceof Error ? error.message : String(error), this.secrets),
      });
    try {
      Promise.resolve(ledger.put({ ...update, updatedAt: this.#opts.clock.now() })).catch(warn);
    } catch (error) {
      warn(error);
    }
  }

  started(job: Job, params: Record<string, unknown>, delivery: Delivery): void {
    this.#record({
      id: job.id,
      model: this.#opts.model,
      delivery,
      status: job.status === 'completed' ? 'in_progress' : job.status,
      startedAt: this.#opts.clock.now(),
      prompt: digestPrompt(params, this.#opts.logPrompts),
    });
  }

  completion(
    completion: Completion,
    request?: { params: Record<string, unknown>; delivery: Delivery },
  ): Completion {
    const done = scrubValue(completion, this.secrets);
    done.cost = costOf(this.#opts.pricing, done.usage);
    this.#record({
      id: done.id,
      status: done.status,
      usage: done.usage,
      cost: done.cost,
      ...(done.requestId ? { requestId: done.requestId } : {}),
      ...(request
        ? {
            model: this.#opts.model,
            delivery: request.delivery,
            prompt: digestPrompt(request.params, this.#opts.logPrompts),
          }
        : {}),
    });
    return done;
  }

  error<E>(error: E): E {
    const clean = scrubError(error, this.secrets);
    if (clean instanceof JobFailedError) {
      this.#record({ id: clean.jobId, status: clean.jobStatus, error: clean.message });
    } else if (clean instanceof AbortedError && clean.jobCancelled && clean.jobId) {
      this.#record({ id: clean.jobId, status: 'cancelled', error: clean.message });
    }
    return clean;
  }

  /** A job's status as the gateway reported it (a poll or a cancel). */
  status(job: Job): void {
    this.#record({ id: job.id, status: job.status });
  }
}
