import type { Clock } from '../http/transport.js';

/** Real time: Date.now and setTimeout, cleared as soon as the signal aborts. */
export const timerClock: Clock = {
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
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  setTimer: (ms, onFire) => {
    const timer = setTimeout(onFire, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};
