import { defineTestConfig } from '@modelstream-kit/vitest-config';

// Tests live in test/, not beside the code: n8n's scanner lints every .ts file under nodes/ and
// credentials/ with the community-node rules, which forbid what tests need.
export default defineTestConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
