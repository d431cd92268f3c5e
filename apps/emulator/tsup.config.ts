import { defineConfig } from 'tsup';

// bin.ts starts with its own `#!/usr/bin/env node`, which esbuild keeps on the entry's output.
export default defineConfig({
  // `vitest` is the test kit (`@modelstream-kit/emulator/vitest`); vitest is a peer, never bundled.
  entry: { index: 'src/index.ts', bin: 'src/bin.ts', vitest: 'src/vitest/index.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', vitest: 'src/vitest/index.ts' } },
  clean: true,
  sourcemap: true,
  splitting: true,
  target: 'node20',
});
