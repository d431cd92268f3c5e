// Rewrites the README's reference section from the built CLI (flags from the core's spec, exit codes,
// environment); the package's `docs` script then lets biome pad the tables.
import { readFileSync, writeFileSync } from 'node:fs';
import { normalizeTables, withReference } from '../dist/docs.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withReference(before);
writeFileSync(path, after);
const changed = normalizeTables(before) !== normalizeTables(after);
console.log(changed ? 'README.md reference rewritten' : 'README.md reference was up to date');
