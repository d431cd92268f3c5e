import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gpt54Pro } from '@modelstream-kit/core';
import { renderActionYml } from '../src/action-yml/render-action-yml.js';
import { replaceReadmeTables } from '../src/action-yml/render-readme-tables.js';

// action.yml and the README's input/output tables, both from the core's spec and src/action-inputs.ts.
const actionYml = fileURLToPath(new URL('../action.yml', import.meta.url));
writeFileSync(actionYml, renderActionYml(gpt54Pro));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));
writeFileSync(readme, replaceReadmeTables(readFileSync(readme, 'utf8'), gpt54Pro));
// Biome pads the tables the way `pnpm lint` expects.
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', readme], { stdio: 'ignore' });
process.stdout.write(`wrote ${actionYml} and the tables in ${readme}\n`);
