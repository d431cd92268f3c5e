import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { bin: 'src/bin.ts', docs: 'src/docs.ts', index: 'src/index.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  splitting: true,
  target: 'node20',
  // bin.ts starts with its own `#!/usr/bin/env node` line; tsup keeps it and marks it executable.
});
