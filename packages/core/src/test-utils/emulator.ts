import { type UseEmulatorOptions, useEmulator as useTestEmulator } from '@modelstream-kit/emulator/vitest';

export { clientFor, errorOf, FAKE_KEY, posts } from '@modelstream-kit/emulator/vitest';

/** The test kit's emulator; the client tests run in this process on the shared Agent, closed after the file. */
export const useEmulator = (options: UseEmulatorOptions = {}) =>
  useTestEmulator({ closeAgent: true, ...options });
