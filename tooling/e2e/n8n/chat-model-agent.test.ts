import { useEmulator } from '@modelstream-kit/emulator/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packNodePackage } from './pack-node-package.js';
import { createInstance, ensureRealN8n, N8N_VERSION, type N8nInstance, type RealN8n } from './real-n8n.js';
import { credentialRef, E2E_KEY, executeWorkflow, importAll } from './run-workflow.js';
import { stepTimings } from './step-timings.js';

const WORKFLOW_ID = 'msE2eAgentFlow01';
const AGENT = 'AI Agent';
const MODEL = 'ModelStream Chat Model';
const MEMORY = 'Simple Memory';
const SYSTEM_MESSAGE = 'You are a terse arithmetic tutor. Answer in one line.';

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
  process.stdout.write(
    `[real n8n ${N8N_VERSION}, AI Agent] ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}\n`,
  );
});

/**
 * Manual Trigger → Code (2 questions) → AI Agent, whose Chat Model is ModelStream Chat Model and whose
 * memory (one session) hands the first exchange to the second call.
 */
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
      {
        id: 'a5',
        name: MEMORY,
        type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
        typeVersion: 1.3,
        position: [660, 220],
        parameters: { sessionIdType: 'customKey', sessionKey: 'e2e-session', contextWindowLength: 5 },
      },
    ],
    connections: {
      Start: { main: [[{ node: 'Questions', type: 'main', index: 0 }]] },
      Questions: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
      [MODEL]: { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
      [MEMORY]: { ai_memory: [[{ node: AGENT, type: 'ai_memory', index: 0 }]] },
    },
  };
}

interface SubNodeRun {
  data?: { ai_languageModel?: { json: Record<string, unknown> }[][] };
}

describe(`ModelStream Chat Model as the AI Agent's model in a real n8n ${N8N_VERSION}`, () => {
  it('answers each item through a background job, with the system message, settings and memory, usage in the sub-node', async () => {
    await importAll(n8n, emulator().url, [workflow()], timed);
    const { execution, stdout } = await timed('execute', () => executeWorkflow(n8n, WORKFLOW_ID));
    expect(execution.data.resultData.error, 'the workflow failed').toBeUndefined();
    const runData = execution.data.resultData.runData;
    const items = runData[AGENT]?.[0]?.data?.main[0] ?? [];
    expect(items, `agent output: ${JSON.stringify(runData[AGENT])?.slice(0, 2000)}`).toHaveLength(2);
    const outputs = items.map((item) => String(item.json.output));
    // The first call: the question alone is the prompt.
    expect(outputs[0]).toContain('answering "What is 1 + 1?" with 0 images at reasoning effort xhigh');
    // The second: the memory's exchange and the new question, written into the prompt as a transcript
    // (the emulator quotes a prompt's first 57 characters).
    expect(outputs[1]).toContain(
      'answering "The conversation so far, oldest first. Reply as the Assis..." with 0 images at reasoning effort xhigh',
    );
    for (const output of outputs) {
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
