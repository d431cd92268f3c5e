import { defineTestConfig } from '@modelstream-kit/vitest-config';

export default defineTestConfig({
  test: {
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/test-utils/**'],
    },
  },
});
