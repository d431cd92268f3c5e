import { defineTestConfig } from '@modelstream-kit/vitest-config';

// Queue mode alone (Redis, an n8n main and a worker): `pnpm test:e2e:queue` at the root. It is part of
// the default run too (about 50 s warm).
export default defineTestConfig({
  test: {
    include: ['n8n/queue/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.cache/**'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
