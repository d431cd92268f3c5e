import { defineTestConfig } from '@modelstream-kit/vitest-config';

// The tests run the built dist/bin.js as a subprocess (turbo builds it before `test`).
export default defineTestConfig({});
