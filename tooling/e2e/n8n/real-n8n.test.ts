import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useEmulator } from '@modelstream-kit/emulator/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packNodePackage } from './pack-node-package.js';
import { createInstance, ensureRealN8n, type N8nInstance, parseRawOutput, type RealN8n } from './real-n8n.js';
import { stepTimings } from './step-timings.js';

const KEY = 'sk-test-not-a-real-key';
const CREDENTIAL_ID = 'msE2eCredential01';
const WORKFLOW_ID = 'msE2eWorkflow001';
const NODE_NAME = 'GPT-5.4 Pro';

let real: RealN8n;
let packed: PackedPackage;
const emulator = useEmulator({ jobDurationMs: 300 });
let n8n: N8nInstance;
const { timings, timed } = stepTimings();

beforeAll(async () => {
  real = await timed('n8n ready', ensureRealN8n);
  packed = await timed('pack', packNodePackage);
  n8n = await createInstance(real, packed.dir);
});

afterAll(async () => {
  await n8n?.cleanup();
  await packed?.cleanup();
  const install = real?.cached
    ? 'from the cache'
    : `installed: Node ${real?.timings.node} s, npm install ${real?.timings.install} s, sqlite3 rebuild ${real?.timings.rebuild} s`;
  process.stdout.write(
    `[real n8n] ${install}; ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}\n`,
  );
});

/** Manual Trigger → Code (5 questions, the third with a reasoning effort GPT-5.4 pro refuses) → ModelStream. */
function workflow() {
  const code = [
    'return [0, 1, 2, 3, 4].map((i) => ({',
    '  json: { question: "What is " + i + " + " + i + "?", effort: i === 2 ? "low" : "high" },',
    '}));',
  ].join('\n');
  return [
    {
      id: WORKFLOW_ID,
      name: 'ModelStream end to end',
      active: false,
      settings: { executionOrder: 'v1' },
      nodes: [
        {
          id: 'n1',
          name: 'Start',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: 'n2',
          name: 'Questions',
          type: 'n8n-nodes-base.code',
          typeVersion: 2,
          position: [220, 0],
          parameters: { jsCode: code },
        },
        {
          id: 'n3',
          name: NODE_NAME,
          type: 'CUSTOM.modelStream',
          typeVersion: 1,
          position: [440, 0],
          onError: 'continueRegularOutput',
          credentials: { modelStreamApi: { id: CREDENTIAL_ID, name: 'ModelStream (emulator)' } },
          parameters: {
            operation: 'message',
            prompt: '={{ $json.question }}',
            options: { reasoningEffort: '={{ $json.effort }}', concurrency: 3 },
          },
        },
      ],
      connections: {
        Start: { main: [[{ node: 'Questions', type: 'main', index: 0 }]] },
        Questions: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
      },
    },
  ];
}

describe('the packed node in a real n8n', () => {
  it('answers 4 items and turns the invalid one into an error item, in order, with usage', async () => {
    const credentials = [
      {
        id: CREDENTIAL_ID,
        name: 'ModelStream (emulator)',
        type: 'modelStreamApi',
        data: { apiKey: KEY, baseUrl: emulator().url },
      },
    ];
    const credentialsFile = join(n8n.userFolder, 'credentials.json');
    const workflowFile = join(n8n.userFolder, 'workflow.json');
    await writeFile(credentialsFile, JSON.stringify(credentials));
    await writeFile(workflowFile, JSON.stringify(workflow()));
    await timed('import credential', () => n8n.cli(['import:credentials', `--input=${credentialsFile}`]));
    await timed('import workflow', () => n8n.cli(['import:workflow', `--input=${workflowFile}`]));
    const { stdout, stderr } = await timed('execute', () =>
      n8n.cli(['execute', `--id=${WORKFLOW_ID}`, '--rawOutput']),
    );

    const execution = parseRawOutput(stdout, stderr);
    expect(execution.data.resultData.error, 'the workflow failed').toBeUndefined();
    const runs = execution.data.resultData.runData[NODE_NAME];
    expect(
      runs,
      `n8n did not run the ModelStream node; nodes run: ${Object.keys(execution.data.resultData.runData)}`,
    ).toHaveLength(1);
    const items = runs?.[0]?.data?.main[0] ?? [];
    expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));

    const answers = items.filter((item) => typeof item.json.text === 'string');
    expect(answers).toHaveLength(4);
    expect(items.map((item) => ('error' in item.json ? 'error' : 'answer'))).toEqual([
      'answer',
      'answer',
      'error',
      'answer',
      'answer',
    ]);
    for (const [index, item] of items.entries()) {
      if (index === 2) continue;
      expect(item.json.text).toContain(`What is ${index} + ${index}?`);
      expect(item.json).toMatchObject({
        model: 'gpt-5.4-pro',
        finishReason: 'stop',
        id: expect.stringMatching(/^resp_/),
      });
      const usage = item.json.usage as {
        total_tokens: number;
        prompt_tokens: number;
        completion_tokens: number;
      };
      expect(usage.total_tokens).toBeGreaterThan(0);
      expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    }
    expect(items[2]?.json.error).toBe(
      'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
    );
    expect(stdout).not.toContain(KEY);

    // n8n sent them through the credential, as background jobs; the invalid item sent nothing.
    const posts = emulator()
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
    expect(posts).toHaveLength(4);
    expect(posts.every((r) => r.hasKey && r.background === true && r.status === 200)).toBe(true);
  });
});
