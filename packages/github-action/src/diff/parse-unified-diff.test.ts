import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from './parse-unified-diff.js';

const DIFF = `diff --git a/src/app.ts b/src/app.ts
index 1111111..2222222 100644
--- a/src/app.ts
+++ b/src/app.ts
@@ -1,3 +1,4 @@
 import x from 'x';
-const a = 1;
+const a = 2;
+const b = 3;
diff --git a/logo.png b/logo.png
new file mode 100644
index 0000000..3333333
Binary files /dev/null and b/logo.png differ
diff --git a/old name.md b/new name.md
similarity index 90%
rename from old name.md
rename to new name.md
--- a/old name.md
+++ b/new name.md
@@ -1 +1 @@
-hello
+hello world
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index 4444444..0000000
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"
--- "a/caf\\303\\251.txt"
+++ "b/caf\\303\\251.txt"
@@ -1 +1 @@
-a
+b
`;

describe('parseUnifiedDiff', () => {
  const files = parseUnifiedDiff(DIFF);

  it('splits files with their status, counts and hunks', () => {
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ['src/app.ts', 'modified'],
      ['logo.png', 'added'],
      ['new name.md', 'renamed'],
      ['gone.txt', 'removed'],
      ['café.txt', 'modified'],
    ]);
    expect(files[0]).toMatchObject({ additions: 2, deletions: 1, binary: false });
    expect(files[0]!.patch).toBe(
      "@@ -1,3 +1,4 @@\n import x from 'x';\n-const a = 1;\n+const a = 2;\n+const b = 3;",
    );
  });

  it('marks binary files and keeps no patch for them', () => {
    expect(files[1]).toMatchObject({ binary: true, patch: undefined });
  });

  it('keeps the previous path of a rename', () => {
    expect(files[2]).toMatchObject({
      previousPath: 'old name.md',
      patch: '@@ -1 +1 @@\n-hello\n+hello world',
    });
  });

  it('reads CRLF diffs and ignores text before the first header', () => {
    const crlf = `From abc\r\nSubject: x\r\n\r\n${DIFF.split('\n').slice(0, 9).join('\r\n')}\r\n`;
    const parsed = parseUnifiedDiff(crlf);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.patch).not.toContain('\r');
  });
});
