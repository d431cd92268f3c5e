import type { KnipConfig } from 'knip';

// Unused files, exports and dependencies across the workspace (`pnpm check:workspace`). The core and the
// CLI are also checked for exports of their public entry that nothing in the workspace uses: what is
// public on purpose says so with a `/** @public */` tag.
//
// The core's own findings (packages/core/src) are listed by `pnpm knip:core` but do not fail yet: the
// core is being reworked (issue 11's adapter kit). To make them fail, delete the `ignoreIssues` entry
// below and the `knip:core` step of the root `check:workspace` script.
const reportCoreOnly = process.env.KNIP_CORE !== 'report';

const config: KnipConfig = {
  ignoreExportsUsedInFile: true,
  ignoreIssues: {
    ...(reportCoreOnly ? { 'packages/core/src/**': ['exports', 'types'] } : {}),
    // Exported from the emulator's index by its rework on a parallel branch (issue 11); drop once merged.
    'apps/emulator/src/faults.ts': ['types'],
  },
  workspaces: {
    'packages/core': {
      includeEntryExports: true,
      // The core's tests run the emulator from its source (an alias in vitest.config.ts): listing it
      // would make a package cycle (the emulator depends on the core).
      ignoreDependencies: ['@modelstream-kit/emulator'],
    },
    'apps/cli': { includeEntryExports: true },
    'apps/demo': {
      // Run as a subprocess (its dist/bin.js, found through its package.json), never imported.
      ignoreDependencies: ['@modelstream-kit/cli'],
    },
    'packages/github-action': {
      // The committed bundle's lazily imported chunks (the tokenizer), loaded by dist/index.js.
      ignore: ['dist/*.js'],
    },
    'packages/n8n-nodes': {
      // The lint config of @n8n/node-cli loads it as a plugin.
      ignoreDependencies: ['@n8n/eslint-plugin-community-nodes'],
    },
    'tooling/bench': {
      // Forked by path (src/emulator/forked-emulator.ts).
      entry: ['src/emulator/emulator-child.mjs'],
      // Listed so that turbo builds them before the benchmarks run their dist (the action's bundle, the
      // n8n node); n8n-workflow is loaded from the n8n package's own dependencies.
      ignoreDependencies: ['@modelstream-kit/github-action', 'n8n-nodes-modelstream', 'n8n-workflow'],
    },
    'tooling/e2e': {
      // Listed so that turbo builds them before the end-to-end runs use their dist.
      ignoreDependencies: ['@modelstream-kit/core', 'n8n-nodes-modelstream'],
    },
    'tooling/package-checks': {
      // check-package runs their binaries from its own node_modules.
      ignoreDependencies: ['publint', '@arethetypeswrong/cli'],
    },
  },
};

export default config;
