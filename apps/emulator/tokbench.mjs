import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

const words = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'the',
  'quick',
  'brown',
  'fox',
  'jumps',
  'over',
  'lazy',
  'dog',
  'function',
  'return',
  'const',
  '{',
  '}',
  '(',
  ')',
  '\n',
];
let s = '';
let i = 0;
while (s.length < 4 * 1024 * 1024) {
  s += words[(i * 7 + 3) % words.length] + (i % 13 === 0 ? '. ' : ' ');
  i++;
}
let t = performance.now();
let n = countTokens('warm');
console.log('load', performance.now() - t);
t = performance.now();
n = countTokens(s);
console.log('4MB tokens', n, 'ms', performance.now() - t);
const long = 'x'.repeat(4 * 1024 * 1024);
t = performance.now();
n = countTokens(long);
console.log('4MB single char', n, 'ms', performance.now() - t);
