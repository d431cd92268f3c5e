import { fileURLToPath } from 'node:url';
import { defineTestConfig } from '@modelstream-kit/vitest-config';

// The client's tests run against the emulator over real loopback HTTP. The emulator depends on this
// package, so it is loaded from source here (no package cycle), and both resolve the core's source.
const from = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineTestConfig({
  resolve: {
    alias: {
      '@modelstream-kit/emulator/vitest': from('../../apps/emulator/src/vitest/index.ts'),
      '@modelstream-kit/emulator': from('../../apps/emulator/src/index.ts'),
      '@modelstream-kit/core/node': from('./src/node/index.ts'),
      '@modelstream-kit/core/timers': from('./src/timers.ts'),
      '@modelstream-kit/core/tokens': from('./src/tokens.ts'),
      '@modelstream-kit/core': from('./src/index.ts'),
    },
  },
  test: {
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/test-utils/**'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
