import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

/**
 * The rules n8n's verification scanner applies to a published tarball: the community-node plugin's
 * `recommended` config (cloud rules included: no restricted globals, imports only from the allow-list),
 * `no-console`, and n8n-nodes-base's package.json rules. It lints the compiled `**\/*.js` and
 * `package.json` as shipped, parsed as plain JavaScript (JSON through the TypeScript parser).
 */
export function scanConfig(): Linter.Config[] {
  return [
    n8nCommunityNodesPlugin.configs.recommended as unknown as Linter.Config,
    { rules: { 'no-console': 'error' } },
    { plugins: { 'n8n-nodes-base': n8nNodesBase as never } },
    {
      files: ['package.json'],
      rules: {
        ...(n8nNodesBase as { configs: { community: { rules: Linter.RulesRecord } } }).configs.community
          .rules,
      },
    },
    { files: ['**/*.json'], languageOptions: { parser: tsParser as never } },
  ];
}
