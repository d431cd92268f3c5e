import { hashText, type JobLedger, type LedgerUpdate } from '@modelstream-kit/core';
import type { IDataObject } from 'n8n-workflow';

/** What the node keeps of a job in the workflow's static data: no prompt, no key. */
interface KeptJob {
  id: string;
  /** The request's hash: the next run of the same request collects this job instead of paying again. */
  hash?: string;
  status: string;
  startedAt: number;
}

const KEY = 'modelStreamJobs';
const MAX_JOBS = 100;
/** A job left uncollected longer than this is not taken up by a new run (it may have expired upstream). */
export const RESUME_WITHIN_MS = 24 * 3_600_000;
const ENDED = ['completed', 'incomplete', 'failed', 'cancelled', 'expired'];

/** The request's hash, over every parameter (images included), in a stable key order. */
export const requestHash = (model: string, params: Record<string, unknown>): string =>
  hashText(JSON.stringify([model, params], Object.keys(params).sort()));

/**
 * The core's JobLedger over n8n's static data of the node (`getWorkflowStaticData('node')`): every
 * background job is recorded as soon as its id is known and forgotten once collected or ended. n8n saves
 * static data when a production execution ends (also with an error), never for manual runs.
 */
export class StaticDataLedger implements JobLedger {
  readonly #claimed = new Set<string>();

  constructor(private readonly data: IDataObject) {}

  #jobs(): Record<string, KeptJob> {
    return { ...((this.data[KEY] as Record<string, KeptJob> | undefined) ?? {}) };
  }

  /** Replaced whole, so n8n's change tracking of static data always sees it; the newest 100 kept. */
  #save(jobs: Record<string, KeptJob>): void {
    const newest = Object.values(jobs).sort((a, b) => b.startedAt - a.startedAt);
    this.data[KEY] = Object.fromEntries(newest.slice(0, MAX_JOBS).map((job) => [job.id, job]));
  }

  put(update: LedgerUpdate): void {
    if (update.status && ENDED.includes(update.status)) {
      this.forget(update.id);
      return;
    }
    const jobs = this.#jobs();
    const known = jobs[update.id];
    if (!known && update.delivery !== 'background') return;
    const status = update.status ?? known?.status ?? 'in_progress';
    jobs[update.id] = { startedAt: update.startedAt ?? update.updatedAt, ...known, id: update.id, status };
    this.#save(jobs);
  }

  /** Ties a job to the request that started it. */
  note(id: string, hash: string): void {
    const jobs = this.#jobs();
    if (!jobs[id]) return;
    jobs[id] = { ...jobs[id], hash };
    this.#save(jobs);
  }

  /** The oldest job an earlier run left for this request, taken by one item of this run at most. */
  claim(hash: string, now: number): KeptJob | undefined {
    const job = Object.values(this.#jobs())
      .filter((j) => j.hash === hash && !this.#claimed.has(j.id) && now - j.startedAt < RESUME_WITHIN_MS)
      .sort((a, b) => a.startedAt - b.startedAt)[0];
    if (job) this.#claimed.add(job.id);
    return job;
  }

  /** Whether a job is still remembered (not collected, not ended). */
  has(id: string): boolean {
    return this.#jobs()[id] !== undefined;
  }

  forget(id: string): void {
    const jobs = this.#jobs();
    if (!jobs[id]) return;
    delete jobs[id];
    this.#save(jobs);
  }
}
