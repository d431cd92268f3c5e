import { defineConfig } from 'tsup';

// bin.ts starts with its own `#!/usr/bin/env node`, which esbuild keeps on the entry's output.
export default defineConfig({
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  splitting: true,
  target: 'node20',
});
