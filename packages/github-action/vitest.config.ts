import { defineTestConfig } from '@modelstream-kit/vitest-config';

// The dist drift test rebuilds the bundle (a few seconds on a shared machine).
export default defineTestConfig({ test: { testTimeout: 60_000 } });
