import { createRequire } from 'node:module';
import { defineConfig } from 'tsup';

const require = createRequire(import.meta.url);

/**
 * The action ships as committed files in dist/: GitHub runs dist/index.js with no node_modules. Everything
 * is bundled (the core, zod, undici, @actions/core, picomatch). The o200k tokenizer, imported lazily, is a
 * chunk of its own beside it, loaded only when a diff is budgeted (or a cost ceiling counts tokens): a
 * prompt-mode run never reads or builds its tables. ESM output with a `require` made by createRequire,
 * for the CommonJS packages that require Node's built-ins. No minification and no source map: the
 * bundle stays reviewable and byte-for-byte reproducible.
 */
export default defineConfig({
  entry: { index: 'src/action.ts' },
  format: ['esm'],
  outExtension: () => ({ js: '.js' }),
  platform: 'node',
  target: 'node20',
  bundle: true,
  noExternal: [/.*/],
  splitting: true,
  sourcemap: false,
  minify: false,
  dts: false,
  clean: true,
  shims: false,
  esbuildOptions(options) {
    // Keep the tokenizer's table as UTF-8 instead of \u escapes (700 KB less).
    options.charset = 'utf8';
    options.chunkNames = '[name]-[hash]';
    // @actions/http-client (pulled in by @actions/core for OIDC, which the action never uses) requires
    // undici 5 for its ProxyAgent; the core already bundles undici 7, whose ProxyAgent has the same
    // shape. One copy instead of two (700 KB less).
    options.alias = { undici: require.resolve('undici') };
  },
  banner: {
    js: "import { createRequire as __msCreateRequire } from 'node:module';\nconst require = __msCreateRequire(import.meta.url);",
  },
});
