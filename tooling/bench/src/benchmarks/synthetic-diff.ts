import { seededRandom } from '../random.js';

const WORDS = [
  'const',
  'value',
  'return',
  'items',
  'await',
  'client',
  'options',
  'result',
  'error',
  'index',
  'map',
  'filter',
];

function codeLine(random: () => number): string {
  const n = 3 + Math.floor(random() * 9);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
  return `${'  '.repeat(Math.floor(random() * 4))}${words.join(' ')};`;
}

/**
 * A `git diff` of about `bytes` characters: many small files, some medium, a few large (as a big
 * refactor with a vendored or generated file would look), hunks of context, removals and additions.
 */
export function syntheticDiff(bytes: number, seed = 20): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let size = 0;
  for (let f = 0; size < bytes; f++) {
    const r = random();
    const target =
      r < 0.8
        ? 500 + random() * 4_000
        : r < 0.97
          ? 20_000 + random() * 80_000
          : 400_000 + random() * 1_200_000;
    const path = `src/module-${f % 97}/file-${f}.ts`;
    const lines = [
      `diff --git a/${path} b/${path}`,
      `index ${(f * 7919).toString(16).padStart(7, '0')}..${(f * 104729).toString(16).padStart(7, '0')} 100644`,
      `--- a/${path}`,
      `+++ b/${path}`,
    ];
    let fileSize = 0;
    let at = 1;
    while (fileSize < target) {
      const hunk: string[] = [];
      const count = 6 + Math.floor(random() * 30);
      for (let i = 0; i < count; i++) {
        const kind = random();
        hunk.push(`${kind < 0.5 ? ' ' : kind < 0.7 ? '-' : '+'}${codeLine(random)}`);
      }
      lines.push(`@@ -${at},${count} +${at},${count} @@`, ...hunk);
      at += count + Math.floor(random() * 40);
      fileSize += hunk.reduce((n, l) => n + l.length + 1, 0);
    }
    const text = `${lines.join('\n')}\n`;
    parts.push(text);
    size += text.length;
  }
  return parts.join('').slice(0, bytes);
}
