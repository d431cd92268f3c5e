/**
 * Runs `task` for indexes 0..count-1, at most `limit` at a time, and returns the results in index order.
 * When a task throws, no new task starts; the ones running finish (their requests may already cost
 * money), then the error of the lowest failing index is thrown.
 */
export async function runPool<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T[]> {
  const results = new Array<T>(count);
  const failures = new Map<number, unknown>();
  let next = 0;
  const worker = async () => {
    while (next < count && failures.size === 0 && !signal?.aborted) {
      const index = next++;
      try {
        results[index] = await task(index);
      } catch (error) {
        failures.set(index, error);
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
  return results;
}
