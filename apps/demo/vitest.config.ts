import { defineTestConfig } from '@modelstream-kit/vitest-config';

// The test runs the built dist/demo.js as a subprocess (turbo builds it, and the CLI, before `test`).
export default defineTestConfig({});
