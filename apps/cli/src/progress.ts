import type { Job, RetryInfo } from '@modelstream-kit/core';
import yoctoSpinner, { type Spinner } from 'yocto-spinner';

export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

/** What the command tells the person waiting, on stderr only. */
export interface Progress {
  /**
   * Something is under way ("Waiting for the answer"); a spinner on a terminal. As plain lines it is
   * written only when `line` is not false (a job's own status lines say enough).
   */
  begin(label: string, options?: { line?: boolean }): void;
  /** A background job was polled. */
  job(job: Job, elapsedMs: number): void;
  retry(info: RetryInfo): void;
  /** A line for the person (not shown with --quiet). */
  note(text: string): void;
  /** Clears the spinner; call before writing the answer or an error. */
  end(): void;
}

export function formatElapsed(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function retryLine(info: RetryInfo): string {
  const what = info.error.status ? `${info.error.name} (${info.error.status})` : info.error.name;
  return `${what}; retry ${info.attempt} in ${(info.delayMs / 1000).toFixed(1)}s`;
}

const quiet: Progress = { begin() {}, job() {}, retry() {}, note() {}, end() {} };

/** Plain lines, for logs and pipes: one per change of job status, and a reminder every 15 s. */
function plainProgress(stream: ProgressStream, now: () => number): Progress {
  let lastStatus = '';
  let lastLineAt = 0;
  const line = (text: string) => stream.write(`modelstream: ${text}\n`);
  return {
    begin(label, options) {
      if (options?.line !== false) line(`${label}...`);
    },
    job(job, elapsedMs) {
      if (job.status !== lastStatus || now() - lastLineAt >= 15_000) {
        line(`job ${job.id} ${job.status} (${formatElapsed(elapsedMs)})`);
        lastStatus = job.status;
        lastLineAt = now();
      }
    },
    retry(info) {
      line(retryLine(info));
    },
    note(text) {
      line(text);
    },
    end() {},
  };
}

/** A spinner with the elapsed time and the job's status, redrawn in place. */
function ttyProgress(stream: ProgressStream, now: () => number): Progress {
  let spinner: Spinner | undefined;
  let timer: NodeJS.Timeout | undefined;
  let label = '';
  let status = '';
  let startedAt = now();
  const render = () => {
    if (spinner)
      spinner.text = `${label}${status ? ` · ${status}` : ''} · ${formatElapsed(now() - startedAt)}`;
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    spinner?.stop();
    spinner = undefined;
  };
  return {
    begin(text) {
      stop();
      label = text;
      status = '';
      startedAt = now();
      spinner = yoctoSpinner({ stream: stream as never, handleSignals: false }).start();
      render();
      timer = setInterval(render, 250);
      timer.unref();
    },
    job(job) {
      status = job.status.replace('_', ' ');
      render();
    },
    retry(info) {
      status = retryLine(info);
      render();
    },
    note(text) {
      const spinning = spinner !== undefined;
      spinner?.clear();
      stream.write(`${text}\n`);
      if (spinning) render();
    },
    end: stop,
  };
}

export function createProgress(options: {
  stream: ProgressStream;
  quiet: boolean;
  now?: () => number;
}): Progress {
  const now = options.now ?? Date.now;
  if (options.quiet) return quiet;
  return options.stream.isTTY ? ttyProgress(options.stream, now) : plainProgress(options.stream, now);
}
