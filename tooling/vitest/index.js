import { defineConfig, mergeConfig } from 'vitest/config';

/**
 * Shared test settings: tests sit beside the code, run in forked workers (real sockets, real
 * subprocesses), and never wait on the network for long. The timeouts only catch a hang: every test is
 * bounded by counts and conditions, and on a shared 2-core machine running the whole suite a test that
 * takes 2 s alone can take ten times that.
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 */
export function defineTestConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        pool: 'forks',
        testTimeout: 60_000,
        hookTimeout: 60_000,
        restoreMocks: true,
      },
    }),
    overrides,
  );
}
