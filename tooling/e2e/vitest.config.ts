import { defineTestConfig } from '@modelstream-kit/vitest-config';

// Real platforms are slow to start (a real n8n takes seconds per run, minutes to install once).
export default defineTestConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.cache/**'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
