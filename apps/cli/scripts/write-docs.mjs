// Rewrites the README's reference section from the built CLI (flags from the core's spec, exit codes, env).
import { readFileSync, writeFileSync } from 'node:fs';
import { withReference } from '../dist/index.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withReference(before);
writeFileSync(path, after);
console.log(before === after ? 'README.md reference is up to date' : 'README.md reference rewritten');
