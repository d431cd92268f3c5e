import { useEmulator } from '@modelstream-kit/emulator/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packNodePackage } from './pack-node-package.js';
import { createInstance, ensureRealN8n, N8N_VERSION, type N8nInstance, type RealN8n } from './real-n8n.js';
import { credentialRef, E2E_KEY, executeWorkflow, importAll } from './run-workflow.js';

const WORKFLOW_ID = 'msE2eAgentFlow01';
const AGENT = 'AI Agent';
const MODEL = 'ModelStream Chat Model';
const SYSTEM_MESSAGE = 'You are a terse arithmetic tutor. Answer in one line.';

let real: RealN8n;
let packed: PackedPackage;
const emulator = useEmulator({ jobDurationMs: 300 });
let n8n: N8nInstance;
const timings: Record<string, number> = {};

const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  try {
    return await step();
  } finally {
    timings[label] = Math.round((Date.now() - started) / 100) / 10;
  }
};

beforeAll(async () => {
  real = await timed('n8n ready', ensureRealN8n);
  packed = await timed('pack', packNodePackage);
  n8n = await createInstance(real, packed.dir);
});

afterAll(async () => {
  await n8n?.cleanup();
  await packed?.cleanup();
  process.stdout.write(
    `[real n8n ${N8N_VERSION}, AI Agent] ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}\n`,
  );
});

/** Manual Trigger → Code (2 questions) → AI Agent, whose Chat Model input is ModelStream Chat Model. */
function workflow() {
  const code = 'return [1, 2].map((i) => ({ json: { question: "What is " + i + " + " + i + "?" } }));';
  return {
    id: WORKFLOW_ID,
    name: 'ModelStream Chat Model under the AI Agent',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        id: 'a1',
        name: 'Start',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      {
        id: 'a2',
        name: 'Questions',
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: [220, 0],
        parameters: { jsCode: code },
      },
      {
        id: 'a3',
        name: AGENT,
        type: '@n8n/n8n-nodes-langchain.agent',
        typeVersion: 3.1,
        position: [440, 0],
        parameters: {
          promptType: 'define',
          text: '={{ $json.question }}',
          options: { systemMessage: SYSTEM_MESSAGE },
        },
      },
      {
        id: 'a4',
        name: MODEL,
        type: 'CUSTOM.modelStreamChatModel',
        typeVersion: 1,
        position: [440, 220],
        credentials: credentialRef,
        parameters: { options: { reasoningEffort: 'xhigh', verbosity: 'high' } },
      },
    ],
    connections: {
      Start: { main: [[{ node: 'Questions', type: 'main', index: 0 }]] },
      Questions: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
      [MODEL]: { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
    },
  };
}

interface SubNodeRun {
  data?: { ai_languageModel?: { json: Record<string, unknown> }[][] };
}

describe(`ModelStream Chat Model as the AI Agent's model in a real n8n ${N8N_VERSION}`, () => {
  it('answers each item through a background job, with the system message and settings, usage in the sub-node', async () => {
    await importAll(n8n, emulator().url, [workflow()], timed);
    const { execution, stdout } = await timed('execute', () => executeWorkflow(n8n, WORKFLOW_ID));
    expect(execution.data.resultData.error, 'the workflow failed').toBeUndefined();
    const runData = execution.data.resultData.runData;
    const items = runData[AGENT]?.[0]?.data?.main[0] ?? [];
    expect(items, `agent output: ${JSON.stringify(runData[AGENT])?.slice(0, 2000)}`).toHaveLength(2);
    for (const [index, item] of items.entries()) {
      const i = index + 1;
      const output = String(item.json.output);
      expect(output).toContain(`answering "What is ${i} + ${i}?" with 0 images at reasoning effort xhigh`);
      expect(output).toContain(`It followed a system prompt of ${SYSTEM_MESSAGE.length} characters.`);
    }

    // n8n's token accounting: each model call's run data on the sub-node carries the reported usage.
    const modelRuns = (runData[MODEL] ?? []) as SubNodeRun[];
    expect(modelRuns).toHaveLength(2);
    for (const run of modelRuns) {
      const usage = run.data?.ai_languageModel?.[0]?.[0]?.json.tokenUsage as
        | { promptTokens: number; completionTokens: number; totalTokens: number }
        | undefined;
      expect(usage?.completionTokens).toBeGreaterThan(0);
      expect(usage?.totalTokens).toBe((usage?.promptTokens ?? 0) + (usage?.completionTokens ?? 0));
    }
    expect(stdout).not.toContain(E2E_KEY);

    const posts = emulator()
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
    expect(posts).toHaveLength(2);
    expect(posts.every((r) => r.hasKey && r.background === true && r.status === 200)).toBe(true);
  });
});
