import { defineConfig } from 'tsup';

// Zapier loads a CommonJS app (its zapierwrapper.js requires ./index.js, which requires dist/index.js).
// The workspace core and zod are bundled in, so the only runtime dependency is zapier-platform-core.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['zapier-platform-core'],
  noExternal: ['@modelstream-kit/core', 'zod'],
});
