import type { Clock } from '@modelstream-kit/core';
import { sleep } from 'n8n-workflow';

/**
 * Time for the core, from n8n: `sleep` from n8n-workflow (the cloud rules forbid timers of our own).
 * Newer n8n-workflow versions stop the sleep on abort; with older ones the wait still ends at once.
 */
export const n8nClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => {
    if (!signal) return sleep(ms);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      sleep(ms, signal).then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  },
};
