import type { Completion } from '@modelstream-kit/core';
import type { Scrub } from '../secrets.js';
import type { Marker } from './marker.js';
import { answerComment, type CommentContext, failureComment, inProgressComment } from './render-comment.js';
import type { CommentWriter } from './sticky-comment.js';

export interface CommentLog {
  info(message: string): void;
  warning(message: string): void;
}

/**
 * The run's comment: every body scrubbed of the secrets, writes one at a time (a create still in flight
 * is never raced by a second create), failures to write are warnings. `settled` tells whether the last
 * body written is a final one (answer or failure), so a forced exit knows whether one is still owed.
 */
export class CommentSession {
  readonly marker: Marker;
  readonly ctx: CommentContext;
  #queue: Promise<void> = Promise.resolve();
  #settled = false;
  #final: Promise<void> | undefined;

  constructor(
    private readonly writer: CommentWriter | undefined,
    marker: Marker,
    ctx: CommentContext,
    private readonly scrub: Scrub,
    private readonly log: CommentLog,
  ) {
    this.marker = marker;
    this.ctx = ctx;
  }

  get url(): string | undefined {
    return this.writer?.url;
  }

  get enabled(): boolean {
    return this.writer !== undefined;
  }

  get settled(): boolean {
    return this.#settled;
  }

  #write(body: string, final: boolean): Promise<void> {
    const writer = this.writer;
    if (!writer) return Promise.resolve();
    const text = this.scrub(body);
    this.#queue = this.#queue.then(async () => {
      try {
        const comment = await writer.write(text);
        if (final) this.#settled = true;
        this.log.info(`Comment: ${comment.html_url}`);
      } catch (error) {
        this.log.warning(`Could not write the pull request comment: ${this.scrub((error as Error).message)}`);
      }
    });
    if (final) this.#final ??= this.#queue;
    return this.#queue;
  }

  /**
   * For a forced exit: the final body if none was started yet; else the final write already under way
   * (not a second one queued behind it).
   */
  finalNow(title: string, message: string): Promise<void> {
    return this.#final ?? this.failure(title, message);
  }

  inProgress(note?: string): Promise<void> {
    return this.#write(inProgressComment(this.marker, this.ctx, note), false);
  }

  /** The run is being cancelled: said at once, before the upstream cancel (the marker keeps the job). */
  cancelling(message: string): Promise<void> {
    return this.#write(failureComment(this.marker, this.ctx, 'Cancelling…', message), false);
  }

  failure(title: string, message: string): Promise<void> {
    return this.#write(failureComment(this.marker, this.ctx, title, message), true);
  }

  answer(completion: Completion): Promise<void> {
    return this.#write(answerComment(this.marker, this.ctx, completion), true);
  }
}
