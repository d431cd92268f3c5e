import { defineConfig, mergeConfig } from 'vitest/config';

/**
 * Shared test settings: tests sit beside the code, run in forked workers (real sockets, real
 * subprocesses), and never wait on the network for long.
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 */
export function defineTestConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        pool: 'forks',
        testTimeout: 20_000,
        hookTimeout: 20_000,
        restoreMocks: true,
      },
    }),
    overrides,
  );
}
