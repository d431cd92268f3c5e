export type { Emulator } from '../server.js';
export { clientFor, FAKE_KEY, QUICK_BACKOFF, QUICK_POLL, type TestClientOptions } from './client.js';
export { errorOf, polls, posts } from './requests.js';
export { TEST_EMULATOR_DEFAULTS, type UseEmulatorOptions, useEmulator } from './use-emulator.js';
