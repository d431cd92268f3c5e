import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full GC, with or without --expose-gc (the flag can be set at run time). */
export function collectGarbage(): void {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}

/** Samples resident memory every few ms while something runs, for its peak growth over the start. */
export function sampleRss(everyMs = 5): { stop(): { startMb: number; peakMb: number; growthMb: number } } {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      const mb = 1024 * 1024;
      return { startMb: start / mb, peakMb: peak / mb, growthMb: (peak - start) / mb };
    },
  };
}
