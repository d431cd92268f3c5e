import { type Emulator, startEmulator } from '@modelstream-kit/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Recorder, startRecorder } from './recorder.js';

/** One emulator for the test file, reset between tests. */
export function useEmulator(options: Parameters<typeof startEmulator>[0] = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, jobDurationMs: 200, ...options });
  });
  afterEach(() => emulator?.reset());
  afterAll(() => emulator?.close());
  return () => {
    if (!emulator) throw new Error('emulator not started');
    return emulator;
  };
}

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

/** The chat-completion POSTs the emulator received (its log keeps the mode, never the prompt or key). */
export function completionPosts(emulator: Emulator) {
  return emulator.requests().filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
}
