import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_KEY, MODEL } from '../contenders/http-clients.js';
import { repoRoot } from '../package-root.js';
import { median, round3 } from '../stats.js';
import type { Benchmark, Metrics } from './types.js';

const SPAWNS = 7;
const PROMPT = 'Say hello from the action.';
const actionPath = () => join(repoRoot(), 'packages/github-action/dist/index.js');

// The baseline: the least a script can do to send the same request (one POST with fetch, read the answer).
const FETCH_SCRIPT = `const response = await fetch(process.env.BENCH_URL + '/v1/chat/completions', {
  method: 'POST',
  headers: { authorization: 'Bearer ' + process.env.BENCH_KEY, 'content-type': 'application/json' },
  body: JSON.stringify({ model: ${JSON.stringify(MODEL)}, prompt: process.env.BENCH_PROMPT }),
});
await response.text();
`;

function runOnce(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ spawnedAt: number; exitMs: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    // The action reports errors on stdout (workflow commands): keep both for the message.
    const keep = (d: Buffer) => {
      if (stderr.length < 4_000) stderr += d.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => {
      const exitMs = performance.timeOrigin + performance.now() - spawnedAt;
      if (code !== 0) reject(new Error(`${script} exited with ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ spawnedAt, exitMs, code });
    });
  });
}

/** Benchmark 5: the action's bundle, from process spawn to the request reaching the emulator. */
export const actionColdStart: Benchmark = {
  id: 'action-cold-start',
  title: '5. GitHub Action cold start',
  measures:
    'The committed `packages/github-action/dist/index.js` run the way the runner runs it (`node dist/index.js` with ' +
    '`INPUT_*` variables, prompt mode), 7 spawns per round: from process spawn to the emulator receiving the POST ' +
    '(its log’s `receivedAt`, same machine clock), and to process exit. Against a minimal script that sends the same ' +
    'POST with `fetch`.',
  contenders: [
    {
      name: 'action',
      note: 'the bundled action (`dist/index.js`): inputs, config, core client, outputs, step summary',
    },
    { name: 'fetch-script', note: 'a 7-line script: one `fetch` POST of the same body, read the answer' },
  ],
  reference: 'fetch-script',
  primary: 'coldStartMs',
  metrics: [
    { key: 'coldStartMs', label: 'spawn → request received', unit: 'ms', better: 'lower' },
    { key: 'exitMs', label: 'spawn → exit', unit: 'ms', better: 'lower' },
    { key: 'sizeKb', label: 'script size', unit: 'KB', better: 'lower' },
  ],
  emulator: { jobDurationMs: 0 },
  rounds: 3,
  unavailable: () =>
    existsSync(actionPath())
      ? undefined
      : 'packages/github-action/dist/index.js is not built yet (`pnpm build`).',
  async runRound({ contender, url, scale }): Promise<Metrics> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-action-'));
    try {
      const fetchScript = join(dir, 'post-with-fetch.mjs');
      writeFileSync(fetchScript, FETCH_SCRIPT);
      // The runner creates these files before a step runs.
      writeFileSync(join(dir, 'output.txt'), '');
      writeFileSync(join(dir, 'summary.md'), '');
      const script = contender === 'action' ? actionPath() : fetchScript;
      const base = { PATH: process.env.PATH ?? '', HOME: dir, NODE_OPTIONS: '' };
      const env: NodeJS.ProcessEnv =
        contender === 'action'
          ? {
              ...base,
              GITHUB_ACTIONS: 'true',
              GITHUB_EVENT_NAME: 'workflow_dispatch',
              GITHUB_WORKSPACE: dir,
              RUNNER_TEMP: dir,
              GITHUB_OUTPUT: join(dir, 'output.txt'),
              GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
              'INPUT_API-KEY': BENCH_KEY,
              'INPUT_BASE-URL': url,
              INPUT_MODE: 'prompt',
              INPUT_PROMPT: PROMPT,
            }
          : { ...base, BENCH_URL: url, BENCH_KEY, BENCH_PROMPT: PROMPT };
      const spawns = Math.max(2, Math.round(SPAWNS * Math.min(1, scale * 2)));
      await runOnce(script, env); // warms the file cache; not counted
      const runs = [];
      for (let i = 0; i < spawns; i++) runs.push(await runOnce(script, env));
      return {
        spawns,
        exitMs: median(runs.map((r) => r.exitMs)),
        sizeKb: statSync(script).size / 1024,
        // Spawn times, matched to the emulator's log in afterRound (the first POST is the warm-up's).
        ...Object.fromEntries(runs.map((r, i) => [`spawnedAt${i}`, r.spawnedAt])),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  async afterRound(emulator, _input, metrics) {
    const posts = (await emulator.requests()).filter(
      (r) => r.method === 'POST' && r.path === '/v1/chat/completions',
    );
    const spawns = metrics.spawns!;
    if (posts.length !== spawns + 1)
      throw new Error(`expected ${spawns + 1} POSTs, the emulator got ${posts.length}`);
    const coldStarts = posts.slice(1).map((p, i) => p.receivedAt - metrics[`spawnedAt${i}`]!);
    const out: Metrics = {
      spawns,
      exitMs: metrics.exitMs!,
      sizeKb: metrics.sizeKb!,
      coldStartMs: median(coldStarts),
    };
    return out;
  },
  aims: () => [],
  notes(m) {
    const action = m.action!;
    const base = m['fetch-script']!;
    return [
      `The action reaches the emulator ${round3(action.coldStartMs! - base.coldStartMs!)} ms after the bare fetch script ` +
        `(${round3(action.coldStartMs! / base.coldStartMs!)}×); its bundle is ${round3(action.sizeKb! / 1024)} MB. ` +
        'No aim was set for this benchmark; the figures are reported as measured.',
    ];
  },
};
