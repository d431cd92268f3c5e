import { collectGarbage } from '../memory.js';
import { MB, round3 } from '../stats.js';
import { syntheticDiff } from './synthetic-diff.js';
import type { Benchmark, Metrics } from './types.js';

const DIFF_BYTES = 20 * MB;
const MAX_TOKENS = 200_000;

// The action's own diff code, from its sources (the package ships only its bundled action). Loaded
// lazily so its tokenizer table is parsed only by the worker that runs this benchmark.
const loadDiffCode = async () => {
  const [{ parseUnifiedDiff }, { prepareDiff }, { loadTokenizer }] = await Promise.all([
    import('../../../../packages/github-action/src/diff/parse-unified-diff.js'),
    import('../../../../packages/github-action/src/diff/prepare-diff.js'),
    import('../../../../packages/github-action/src/diff/count-tokens.js'),
  ]);
  // The action loads its tokenizer lazily, once, before it budgets a diff; so does this benchmark.
  await loadTokenizer();
  return { parseUnifiedDiff, prepareDiff };
};

const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;

/** Benchmark 7: a 20 MB diff cut to a 200k-token budget by the action's budgeting. */
export const diffBudget: Benchmark = {
  id: 'diff-budget',
  title: '7. Diff budgeting',
  measures:
    'A synthetic 20 MB `git diff` (scaled by BENCH_SCALE; about 300 files, mostly small, a few of 0.4–1.6 MB) parsed ' +
    'with the action’s `parseUnifiedDiff` and budgeted to 200,000 o200k tokens with its `prepareDiff` (filters, ' +
    'budget, manifest), in a fresh process per round after a small warm-up. Memory: peak resident growth over the ' +
    'start (process high-water mark, an upper bound), and heap still held after GC while the result is alive.',
  contenders: [
    {
      name: 'action',
      note: '`parseUnifiedDiff` + `prepareDiff(files, { maxTokens: 200_000 })` from packages/github-action',
    },
  ],
  reference: 'action',
  primary: 'totalMs',
  metrics: [
    { key: 'parseMs', label: 'parse', unit: 'ms', better: 'lower' },
    { key: 'budgetMs', label: 'budget', unit: 'ms', better: 'lower' },
    { key: 'totalMs', label: 'total', unit: 'ms', better: 'lower' },
    { key: 'peakGrowthMb', label: 'peak memory added', unit: 'MB', better: 'lower' },
    { key: 'retainedMb', label: 'heap held after', unit: 'MB', better: 'lower' },
    { key: 'usedTokens', label: 'tokens used', unit: '', better: 'lower' },
  ],
  emulator: {},
  rounds: 5,
  async runRound({ scale }): Promise<Metrics> {
    const { parseUnifiedDiff, prepareDiff } = await loadDiffCode();
    prepareDiff(parseUnifiedDiff(syntheticDiff(64 * 1024, 1)), { maxTokens: 2_000 });
    const diff = syntheticDiff(Math.round(DIFF_BYTES * scale));
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage.rss();
    const t0 = performance.now();
    const files = parseUnifiedDiff(diff);
    const t1 = performance.now();
    const prepared = prepareDiff(files, { maxTokens: MAX_TOKENS });
    const t2 = performance.now();
    const peakGrowth = Math.max(0, maxRssBytes() - rssBefore);
    collectGarbage();
    const retained = process.memoryUsage().heapUsed - heapBefore;
    if (prepared.stats.usedTokens > MAX_TOKENS)
      throw new Error(`${prepared.stats.usedTokens} tokens used, over the budget`);
    return {
      diffMb: diff.length / MB,
      files: files.length,
      parseMs: t1 - t0,
      budgetMs: t2 - t1,
      totalMs: t2 - t0,
      peakGrowthMb: peakGrowth / MB,
      retainedMb: retained / MB,
      usedTokens: prepared.stats.usedTokens,
      shownWhole: prepared.stats.shownWhole,
      truncated: prepared.stats.truncated,
      omitted: prepared.stats.omitted,
    };
  },
  aims: () => [],
  notes(m) {
    const a = m.action!;
    return [
      `${round3(a.diffMb!)} MB in ${a.files} files: ${a.shownWhole} shown whole, ${a.truncated} truncated, ${a.omitted} left out; ` +
        `${Math.round(a.usedTokens!).toLocaleString('en')} of ${MAX_TOKENS.toLocaleString('en')} tokens used. No aim was set; reported as measured.`,
    ];
  },
};
