import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_KEY, MODEL } from '../contenders/http-clients.js';
import { repoRoot } from '../package-root.js';
import { median, round3 } from '../stats.js';
import type { Benchmark, Metrics } from './types.js';

const SPAWNS = 7;
const PROMPT = 'Say hello from the action.';
const actionPath = () => join(repoRoot(), 'packages/github-action/dist/index.js');

/**
 * actions/ai-inference v2's committed bundle (dist/index.js of tag v2.1.1, with its package.json beside it
 * saying `"type": "module"`), when AI_INFERENCE_DIST names it: e.g. `git clone --depth 1 --branch v2.1.1
 * https://github.com/actions/ai-inference` and AI_INFERENCE_DIST=ai-inference/dist/index.js. It runs
 * the same prompt against the emulator's OpenAI-compatible route (its `endpoint` input).
 */
const aiInferencePath = () => {
  const path = process.env.AI_INFERENCE_DIST?.trim();
  return path && existsSync(path) ? path : undefined;
};

// Written before each spawn through --import: the peak resident memory, read by the orchestrating worker.
const PEAK_RSS_PRELOAD = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
`;

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
  preload: string,
): Promise<{ spawnedAt: number; exitMs: number; code: number | null; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, ['--require', preload, script], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
      else {
        const peakRssMb = Number(readFileSync(env.BENCH_RSS_FILE!, 'utf8')) / 1024;
        resolve({ spawnedAt, exitMs, code, peakRssMb });
      }
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
    '(its log’s `receivedAt`, same machine clock), to process exit, and the peak resident memory. Against ' +
    'actions/ai-inference v2.1.1’s bundle sending the same prompt (when AI_INFERENCE_DIST names it) and a ' +
    'minimal script that sends the same POST with `fetch`.',
  contenders: [
    {
      name: 'action',
      note: 'the bundled action (`dist/index.js`): inputs, config, core client, outputs, step summary',
    },
    ...(aiInferencePath()
      ? [
          {
            name: 'ai-inference',
            note: 'actions/ai-inference v2.1.1’s committed dist/index.js (2.28 MB), same prompt, `endpoint` at the emulator',
          },
        ]
      : []),
    { name: 'fetch-script', note: 'a 7-line script: one `fetch` POST of the same body, read the answer' },
  ],
  reference: 'fetch-script',
  primary: 'coldStartMs',
  metrics: [
    { key: 'coldStartMs', label: 'spawn → request received', unit: 'ms', better: 'lower' },
    { key: 'exitMs', label: 'spawn → exit', unit: 'ms', better: 'lower' },
    { key: 'peakRssMb', label: 'peak memory (maxRSS)', unit: 'MiB', better: 'lower' },
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
      const preload = join(dir, 'peak-rss.cjs');
      writeFileSync(preload, PEAK_RSS_PRELOAD);
      const script =
        contender === 'action'
          ? actionPath()
          : contender === 'ai-inference'
            ? aiInferencePath()!
            : fetchScript;
      const base = {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NODE_OPTIONS: '',
        BENCH_RSS_FILE: join(dir, 'rss.txt'),
      };
      const runner = {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_WORKSPACE: dir,
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: join(dir, 'output.txt'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      };
      const env: NodeJS.ProcessEnv =
        contender === 'ai-inference'
          ? {
              ...base,
              ...runner,
              // Every input ai-inference's action.yml fills with a default, as the runner passes them.
              INPUT_PROMPT: PROMPT,
              INPUT_ENDPOINT: `${url}/v1`,
              INPUT_TOKEN: BENCH_KEY,
              INPUT_MODEL: MODEL,
              'INPUT_SYSTEM-PROMPT': 'You are a helpful assistant',
              'INPUT_MAX-TOKENS': '200',
              'INPUT_ENABLE-GITHUB-MCP': 'false',
              INPUT_PROVIDER: 'github-models',
            }
          : contender === 'action'
            ? {
                ...base,
                ...runner,
                'INPUT_API-KEY': BENCH_KEY,
                'INPUT_BASE-URL': url,
                INPUT_MODE: 'prompt',
                INPUT_PROMPT: PROMPT,
              }
            : { ...base, BENCH_URL: url, BENCH_KEY, BENCH_PROMPT: PROMPT };
      const spawns = Math.max(2, Math.round(SPAWNS * Math.min(1, scale * 2)));
      await runOnce(script, env, preload); // warms the file cache; not counted
      const runs = [];
      for (let i = 0; i < spawns; i++) runs.push(await runOnce(script, env, preload));
      return {
        spawns,
        exitMs: median(runs.map((r) => r.exitMs)),
        peakRssMb: median(runs.map((r) => r.peakRssMb)),
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
      peakRssMb: metrics.peakRssMb!,
      sizeKb: metrics.sizeKb!,
      coldStartMs: median(coldStarts),
    };
    return out;
  },
  aims(m) {
    const action = m.action!;
    const rival = m['ai-inference'];
    const aims = [
      {
        aim: 'dist/index.js ≤ 2.28 MB (ai-inference v2’s bundle)',
        measured: `${round3((action.sizeKb! * 1024) / 1e6)} MB`,
        met: action.sizeKb! * 1024 <= 2_280_000,
      },
    ];
    if (rival) {
      aims.push({
        aim: 'spawn → request ≤ ai-inference v2’s',
        measured: `${round3(action.coldStartMs!)} ms against ${round3(rival.coldStartMs!)} ms (${round3(action.coldStartMs! / rival.coldStartMs!)}×)`,
        met: action.coldStartMs! <= rival.coldStartMs!,
      });
    }
    return aims;
  },
  notes(m) {
    const action = m.action!;
    const base = m['fetch-script']!;
    const rival = m['ai-inference'];
    return [
      `The action reaches the emulator ${round3(action.coldStartMs! - base.coldStartMs!)} ms after the bare fetch script ` +
        `(${round3(action.coldStartMs! / base.coldStartMs!)}×); its dist/index.js is ${round3(action.sizeKb! / 1024)} MiB ` +
        '(the o200k tokenizer is a separate chunk, loaded only when a diff is budgeted).',
      rival
        ? `Against actions/ai-inference v2.1.1: spawn → request ${round3(action.coldStartMs!)} ms vs ${round3(rival.coldStartMs!)} ms ` +
          `(${round3(action.coldStartMs! / rival.coldStartMs!)}×), peak memory ${round3(action.peakRssMb!)} vs ${round3(rival.peakRssMb!)} MiB, ` +
          `bundle ${round3(action.sizeKb! / 1024)} vs ${round3(rival.sizeKb! / 1024)} MiB.`
        : 'actions/ai-inference was not measured (set AI_INFERENCE_DIST to its v2.1.1 dist/index.js to add it).',
    ];
  },
};
