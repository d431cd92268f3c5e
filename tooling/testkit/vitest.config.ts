import { defineTestConfig } from '@modelstream-kit/vitest-config';

export default defineTestConfig({});
