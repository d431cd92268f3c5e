/** Times each named step of a real-n8n run, in seconds with one decimal, for the run's summary line. */
export function stepTimings() {
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings[label] = Math.round((Date.now() - started) / 100) / 10;
    }
  };
  return { timings, timed };
}
