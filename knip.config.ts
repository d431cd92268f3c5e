import type { KnipConfig } from 'knip';

// Unused files, exports and dependencies across the workspace (`pnpm check:workspace`), failing on any.
// The core and the CLI are also checked for exports of their public entries that nothing uses: what is
// public on purpose says so with a `/** @public */` tag. The adapters import the core's built dist, which
// knip does not map back to its source, so their use is not seen here: the core's entries tag their whole
// public API (CORE-KIT and what the adapters import); an untagged export added to an entry fails unless
// the core itself uses it, and an export nobody uses is removed, not tagged.
const config: KnipConfig = {
  ignoreExportsUsedInFile: true,
  // The action's committed bundle: dist/index.js loads its chunks (the lazy tokenizer) by relative import.
  ignore: ['packages/github-action/dist/**'],
  ignoreIssues: {
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
