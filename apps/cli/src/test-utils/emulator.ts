import type { Emulator } from '@modelstream-kit/emulator';
import { type UseEmulatorOptions, useEmulator as useTestEmulator } from '@modelstream-kit/emulator/vitest';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Recorder, startRecorder } from './recorder.js';

export { posts as completionPosts } from '@modelstream-kit/emulator/vitest';

/** The test kit's emulator, with jobs of 200 ms (the CLI runs as a subprocess: no shared Agent to close). */
export const useEmulator = (options: UseEmulatorOptions = {}) =>
  useTestEmulator({ jobDurationMs: 200, ...options });

/** A recording proxy in front of the file's emulator, cleared between tests. */
export function useRecorder(emulator: () => Emulator): () => Recorder {
  let recorder: Recorder | undefined;
  beforeAll(async () => {
    recorder = await startRecorder(emulator().url);
  });
  afterEach(() => recorder?.clear());
  afterAll(() => recorder?.close());
  return () => {
    if (!recorder) throw new Error('recorder not started');
    return recorder;
  };
}
