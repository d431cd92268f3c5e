import { defineTestConfig } from '@modelstream-kit/vitest-config';

// The soak and the benchmark smoke runs talk to a real emulator in a child process over loopback.
export default defineTestConfig({
  test: { testTimeout: 120_000, hookTimeout: 60_000 },
});
