import { defineConfig } from 'tsup';

// eventsource-parser is bundled so that the main entry imports nothing but zod (n8n's scanner and the
// purity test read the built files).
export default defineConfig({
  // dist/node/index.* mirrors src/node/index.ts, so tools that map a built file back to its source (knip)
  // find it.
  entry: {
    index: 'src/index.ts',
    'node/index': 'src/node/index.ts',
    timers: 'src/timers.ts',
    tokens: 'src/tokens.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  // One shared chunk in both formats, so the main entry and /node share the same error classes.
  splitting: true,
  target: 'node20',
  external: ['zod', 'undici', 'gpt-tokenizer'],
  noExternal: ['eventsource-parser'],
});
