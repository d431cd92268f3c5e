// The README's reference generator (flags from the core's spec, exit codes, environment), for
// scripts/write-docs.mjs. Built as dist/docs.js; not part of the package's exports.
export { normalizeTables, withReference } from './flag-table.js';
