import { defineTestConfig } from '@modelstream-kit/vitest-config';

// Tests live in test/, not beside the code: n8n's scanner lints every .ts file under nodes/ and
// credentials/ with the community-node rules, which forbid what tests need.
// `dedupe` makes the core resolve zod from this package: 3.25.76, the zod n8n ships and provides.
export default defineTestConfig({
  resolve: { dedupe: ['zod'] },
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
