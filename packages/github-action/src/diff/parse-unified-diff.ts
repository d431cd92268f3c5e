import type { DiffFile } from './diff-file.js';

const HEADER = /^diff --git (.+)$/;

/** Git quotes paths with unusual characters: "a/caf\303\251.txt". */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      const octal = body.slice(i, i + 3);
      bytes.push(Number.parseInt(octal, 8));
      i += 2;
    } else {
      const map: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\' };
      bytes.push(...Buffer.from(map[next] ?? next, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const stripPrefix = (path: string) => unquote(path).replace(/^[ab]\//, '');

/** `a/x b/x` → x; ambiguous names with spaces are resolved when both halves are the same path. */
function pathsFromHeader(rest: string): { from: string; to: string } {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (quoted) return { from: stripPrefix(quoted[1]!), to: stripPrefix(quoted[2]!) };
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) {
    const path = rest.slice(2, half);
    return { from: path, to: path };
  }
  const split = rest.indexOf(' b/');
  return { from: stripPrefix(rest.slice(0, split)), to: stripPrefix(rest.slice(split + 1)) };
}

interface Section {
  header: string;
  /** Lines between the header and the first hunk (modes, renames, ---/+++, "Binary files ..."). */
  meta: string[];
  /** Offset of the first `@@` line in the text, -1 while none has been seen. */
  hunkStart: number;
  additions: number;
  deletions: number;
}

function toFile(section: Section, text: string, end: number): DiffFile {
  const { from, to } = pathsFromHeader(section.header);
  let path = to;
  let previousPath: string | undefined = from;
  let status = 'modified';
  let binary = false;
  for (const line of section.meta) {
    if (line.startsWith('new file mode')) status = 'added';
    else if (line.startsWith('deleted file mode')) status = 'removed';
    else if (line.startsWith('rename to ')) {
      status = 'renamed';
      path = unquote(line.slice('rename to '.length));
    } else if (line.startsWith('rename from ')) previousPath = unquote(line.slice('rename from '.length));
    else if (line.startsWith('copy to ')) status = 'copied';
    else if (line.startsWith('Binary files ') || line.startsWith('GIT binary patch')) binary = true;
    else if (line.startsWith('+++ ') && line !== '+++ /dev/null') path = stripPrefix(line.slice(4).trim());
  }
  let patchEnd = end;
  while (patchEnd > section.hunkStart && text[patchEnd - 1] === '\n') patchEnd--;
  return {
    path,
    previousPath: previousPath !== path ? previousPath : undefined,
    status,
    additions: section.additions,
    deletions: section.deletions,
    // A slice of the diff, not a copy: a 20 MB diff is not held twice.
    patch: section.hunkStart !== -1 && !binary ? text.slice(section.hunkStart, patchEnd) : undefined,
    binary,
  };
}

/**
 * Splits `git diff` output into files. Only the `diff --git` form is understood (what `git diff`,
 * `git format-patch` and GitHub's `.diff` URLs produce); text before the first header is ignored.
 */
export function parseUnifiedDiff(input: string): DiffFile[] {
  const text = input.includes('\r\n') ? input.replace(/\r\n/g, '\n') : input;
  const files: DiffFile[] = [];
  let current: Section | undefined;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const lineStart = start;
    start = end + 1;
    const first = text.charCodeAt(lineStart);
    if (current && current.hunkStart !== -1) {
      // Inside the hunks: only counting, no copies.
      if (first === 43 /* + */) current.additions++;
      else if (first === 45 /* - */) current.deletions++;
      else if (first === 100 /* d */ && text.startsWith('diff --git ', lineStart)) {
        files.push(toFile(current, text, lineStart));
        current = undefined;
      } else continue;
      if (current) continue;
    }
    const line = text.slice(lineStart, end);
    const header = line.startsWith('diff --git ') ? HEADER.exec(line) : null;
    if (header) {
      if (current) files.push(toFile(current, text, lineStart));
      current = { header: header[1]!, meta: [], hunkStart: -1, additions: 0, deletions: 0 };
      continue;
    }
    if (!current) continue;
    if (line.startsWith('@@')) current.hunkStart = lineStart;
    else current.meta.push(line);
  }
  if (current) files.push(toFile(current, text, text.length));
  return files;
}
