import { defineConfig } from 'tsup';

// n8n loads the node and the credential with require(), and its scanner lints every .js file in the
// tarball: one self-contained CommonJS file per entry, the core bundled in, and nothing imported but
// n8n-workflow and zod (both provided by n8n at run time and on its allow-list).
export default defineConfig({
  entry: {
    'nodes/ModelStream/ModelStream.node': 'nodes/ModelStream/ModelStream.node.ts',
    'nodes/ModelStreamChatModel/ModelStreamChatModel.node':
      'nodes/ModelStreamChatModel/ModelStreamChatModel.node.ts',
    'credentials/ModelStreamApi.credentials': 'credentials/ModelStreamApi.credentials.ts',
  },
  outDir: 'dist',
  format: ['cjs'],
  outExtension: () => ({ js: '.js' }),
  platform: 'node',
  target: 'node20',
  clean: true,
  dts: false,
  sourcemap: false,
  splitting: false,
  treeshake: true,
  external: ['n8n-workflow', 'zod', 'zod/v4', '@n8n/ai-node-sdk'],
  noExternal: ['@modelstream-kit/core'],
});
