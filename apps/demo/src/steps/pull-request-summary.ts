import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoStep } from '../demo-context.js';

/** A small pull request: a source change, its test, and a lockfile the budget leaves out. */
const DEMO_DIFF = `diff --git a/src/retry.ts b/src/retry.ts
index 3b18e51..a9c2f4d 100644
--- a/src/retry.ts
+++ b/src/retry.ts
@@ -1,9 +1,14 @@
-export async function retry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
+export async function retry<T>(fn: () => Promise<T>, attempts = 3, baseMs = 200): Promise<T> {
   let last: unknown;
   for (let i = 0; i < attempts; i++) {
     try {
       return await fn();
     } catch (error) {
       last = error;
+      // Full jitter keeps a fleet of clients from retrying in step.
+      await new Promise((r) => setTimeout(r, Math.random() * baseMs * 2 ** i));
     }
   }
   throw last;
 }
diff --git a/src/retry.test.ts b/src/retry.test.ts
index 0000000..5d1e2b3 100644
--- a/src/retry.test.ts
+++ b/src/retry.test.ts
@@ -0,0 +1,6 @@
+import { expect, it } from 'vitest';
+import { retry } from './retry.js';
+
+it('gives up after the last attempt', async () => {
+  await expect(retry(() => Promise.reject(new Error('no')), 2, 1)).rejects.toThrow('no');
+});
diff --git a/pnpm-lock.yaml b/pnpm-lock.yaml
index 1111111..2222222 100644
--- a/pnpm-lock.yaml
+++ b/pnpm-lock.yaml
@@ -1,3 +1,3 @@
-lockfileVersion: '9.0'
+lockfileVersion: '9.1'
`;

export const pullRequestSummary: DemoStep = {
  title: 'A pull-request summary through the GitHub Action',
  intro:
    "The action's committed bundle runs as a GitHub runner runs it, summarising a diff through diff-file " +
    '(the fork-safe path; no comment is posted here). The lockfile is left out of the token budget and named.',
  async run(ctx) {
    const diffFile = join(ctx.tmpDir, 'pr.diff');
    const outputFile = join(ctx.tmpDir, 'github-output');
    const summaryFile = join(ctx.tmpDir, 'step-summary.md');
    await Promise.all([
      writeFile(diffFile, DEMO_DIFF),
      writeFile(outputFile, ''),
      writeFile(summaryFile, ''),
    ]);
    const bundle = join(ctx.repoRoot, 'packages', 'github-action', 'dist', 'index.js');
    await ctx.exec(
      'node packages/github-action/dist/index.js   # inputs as INPUT_* variables',
      process.execPath,
      [bundle],
      {
        cwd: ctx.tmpDir,
        env: {
          GITHUB_EVENT_NAME: 'workflow_dispatch',
          GITHUB_REPOSITORY: 'acme/widgets',
          GITHUB_WORKSPACE: ctx.tmpDir,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          'INPUT_API-KEY': 'sk-emulator-demo',
          'INPUT_BASE-URL': ctx.baseUrl,
          INPUT_MODE: 'summarize',
          'INPUT_DIFF-FILE': diffFile,
          INPUT_COMMENT: 'off',
          'INPUT_COMMENT-KEY': 'pr-summary',
          'INPUT_REASONING-EFFORT': 'high',
          INPUT_BACKGROUND: 'true',
          INPUT_STORE: 'true',
          INPUT_STREAM: 'false',
          'INPUT_MAX-DIFF-TOKENS': '50000',
          'INPUT_TIMEOUT-MINUTES': '1',
          INPUT_FORCE: 'false',
          'INPUT_FAIL-ON-ERROR': 'true',
        },
      },
    );
    const outputs = (await readFile(outputFile, 'utf8')).match(/^[a-z-]+(?=<<)/gm) ?? [];
    ctx.say(`Step outputs for later steps: ${outputs.join(', ')}`);
    ctx.say('The step summary, as the run page shows it:');
    ctx.say((await readFile(summaryFile, 'utf8')).trim());
  },
};
