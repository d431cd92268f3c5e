import { closeDefaultAgent } from '@modelstream-kit/core/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EmulatorOptions } from '../options.js';
import { type Emulator, startEmulator } from '../server.js';

export interface UseEmulatorOptions extends EmulatorOptions {
  /**
   * After the file, also close the core's shared undici Agent (for tests that call the emulator through
   * `createUndiciTransport` in this process, so no keep-alive socket outlives the file). Default false.
   */
  closeAgent?: boolean;
}

/** Test defaults: any free port, no request lines, jobs that end in 300 ms. */
export const TEST_EMULATOR_DEFAULTS: Readonly<EmulatorOptions> = { port: 0, quiet: true, jobDurationMs: 300 };

/**
 * One emulator for the test file (127.0.0.1, port 0), reset after each test (requests, faults, jobs,
 * settings and profile), closed after the file. Returns a getter: the emulator exists once `beforeAll` ran.
 */
export function useEmulator(options: UseEmulatorOptions = {}): () => Emulator {
  const { closeAgent = false, ...emulatorOptions } = options;
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ ...TEST_EMULATOR_DEFAULTS, ...emulatorOptions });
  });
  afterEach(() => emulator?.reset());
  afterAll(async () => {
    await emulator?.close();
    if (closeAgent) await closeDefaultAgent();
  });
  return () => {
    if (!emulator) throw new Error('the emulator has not started: call the getter inside a test or hook');
    return emulator;
  };
}
