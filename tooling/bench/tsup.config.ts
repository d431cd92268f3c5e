import { defineConfig } from 'tsup';

// Two commands (the benchmark runner and the soak) and the worker that runs one contender's round in
// its own process. Everything else stays external: the workspace packages are measured as built.
export default defineConfig({
  entry: {
    bench: 'src/bench.ts',
    soak: 'src/soak.ts',
    'bench-worker': 'src/bench-worker.ts',
    index: 'src/index.ts',
  },
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
});
