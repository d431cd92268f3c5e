import type { Clock } from '@modelstream-kit/core';

/**
 * Zapier runs plain Node: wall time and timers are fine here (the core itself never touches them).
 * Not `timerClock` from `@modelstream-kit/core/node`: importing that entry bundles undici (+1.1 MB).
 */
export const zapierClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
