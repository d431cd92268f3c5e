// Copies what n8n reads beside the built code: the icons and the codex file of each node.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = [
  'icons/modelstream.svg',
  'icons/modelstream.dark.svg',
  'nodes/ModelStream/ModelStream.node.json',
  'nodes/ModelStreamChatModel/ModelStreamChatModel.node.json',
];
for (const asset of assets) {
  mkdirSync(dirname(join(root, 'dist', asset)), { recursive: true });
  cpSync(join(root, asset), join(root, 'dist', asset));
}
