import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gpt54Pro } from '@modelstream-kit/core';
import { renderActionYml } from '../src/action-yml/render-action-yml.js';

const target = fileURLToPath(new URL('../action.yml', import.meta.url));
writeFileSync(target, renderActionYml(gpt54Pro));
process.stdout.write(`wrote ${target}\n`);
