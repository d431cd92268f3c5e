#!/usr/bin/env node
// `check-engines` (at the workspace root): every package.json of the workspace says `engines.node` is
// ">=20.19". Node 20 is past its end of life (April 2026) but still what these machines run; the floor
// moves in one place only, here, together with every package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FLOOR = '>=20.19';
const groups = readFileSync('pnpm-workspace.yaml', 'utf8')
  .split('\n')
  .map((line) => /^\s*-\s*['"]?([^'"*]+)\/\*['"]?\s*$/.exec(line)?.[1])
  .filter(Boolean);
const manifests = [
  'package.json',
  ...groups.flatMap((group) =>
    readdirSync(group, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(group, entry.name, 'package.json')),
  ),
];
const wrong = [];
for (const path of manifests) {
  let engines;
  try {
    engines = JSON.parse(readFileSync(path, 'utf8')).engines;
  } catch {
    continue;
  }
  if (engines?.node !== FLOOR) wrong.push(`${path}: engines.node is ${JSON.stringify(engines?.node)}`);
}
if (wrong.length > 0) {
  console.error(`engines.node must be "${FLOOR}" in every package:\n- ${wrong.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-engines: ${manifests.length} package.json files say engines.node "${FLOOR}"`);
