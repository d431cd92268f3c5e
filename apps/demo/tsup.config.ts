import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { demo: 'src/demo.ts' },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  // demo.ts starts with its own `#!/usr/bin/env node` line; tsup keeps it and marks the file executable.
});
