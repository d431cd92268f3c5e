import { setTimeout as sleep } from 'node:timers/promises';
import { useEmulator } from '@modelstream-kit/emulator/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packNodePackage } from './pack-node-package.js';
import { createInstance, ensureRealN8n, type N8nInstance, type RealN8n } from './real-n8n.js';
import { credentialRef, E2E_KEY, executeWorkflow, importAll } from './run-workflow.js';

// Issue 15's defect (On Error: Continue (using error output)) and issue 14's jobs remembered in the
// workflow's static data, in a real n8n: `n8n execute` runs in production mode, so n8n saves the node's
// static data when an execution ends.
const ERROR_OUTPUT_WORKFLOW = 'msE2eErrorOut001';
const LEDGER_WORKFLOW = 'msE2eLedger00001';
const NODE = 'GPT-5.4 Pro';

let real: RealN8n;
let packed: PackedPackage;
let n8n: N8nInstance;
const emulator = useEmulator({ jobDurationMs: 300 });

beforeAll(async () => {
  real = await ensureRealN8n();
  packed = await packNodePackage();
  n8n = await createInstance(real, packed.dir);
});

afterAll(async () => {
  await n8n?.cleanup();
  await packed?.cleanup();
});

const node = (id: string, name: string, type: string, x: number, parameters: object, extra = {}) => ({
  id,
  name,
  type,
  typeVersion: type === 'n8n-nodes-base.code' ? 2 : 1,
  position: [x, 0],
  parameters,
  ...extra,
});

/** Start → 5 questions (the third with an effort GPT-5.4 pro refuses) → ModelStream → Answers | Failures. */
function errorOutputWorkflow() {
  const code =
    'return [0, 1, 2, 3, 4].map((i) => ({ json: { question: "What is " + i + " + " + i + "?", effort: i === 2 ? "low" : "high" } }));';
  return {
    id: ERROR_OUTPUT_WORKFLOW,
    name: 'ModelStream error output',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      node('e1', 'Start', 'n8n-nodes-base.manualTrigger', 0, {}),
      node('e2', 'Questions', 'n8n-nodes-base.code', 200, { jsCode: code }),
      node(
        'e3',
        NODE,
        'CUSTOM.modelStream',
        400,
        {
          operation: 'message',
          prompt: '={{ $json.question }}',
          options: { reasoningEffort: '={{ $json.effort }}', concurrency: 1 },
        },
        { onError: 'continueErrorOutput', credentials: credentialRef },
      ),
      node('e4', 'Answers', 'n8n-nodes-base.noOp', 600, {}),
      node('e5', 'Failures', 'n8n-nodes-base.noOp', 600, {}),
    ],
    connections: {
      Start: { main: [[{ node: 'Questions', type: 'main', index: 0 }]] },
      Questions: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
      [NODE]: {
        main: [[{ node: 'Answers', type: 'main', index: 0 }], [{ node: 'Failures', type: 'main', index: 0 }]],
      },
    },
  };
}

/** Start → ModelStream with a job (8 s) longer than its Max Wait (3 s), under On Error: Continue. */
function ledgerWorkflow() {
  return {
    id: LEDGER_WORKFLOW,
    name: 'ModelStream ledger',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      node('l1', 'Start', 'n8n-nodes-base.manualTrigger', 0, {}),
      node(
        'l2',
        NODE,
        'CUSTOM.modelStream',
        200,
        {
          operation: 'message',
          prompt: 'Think long [emulator:job-ms=8000]',
          maxWaitMinutes: 0.05,
          options: {},
        },
        { onError: 'continueRegularOutput', credentials: credentialRef },
      ),
    ],
    connections: { Start: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
  };
}

const posts = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');

type Items = { json: Record<string, unknown>; pairedItem?: unknown }[];

describe('the packed node in a real n8n: error output and remembered jobs', () => {
  beforeAll(async () => {
    await importAll(n8n, emulator().url, [errorOutputWorkflow(), ledgerWorkflow()]);
  });

  it('On Error: Continue (using error output) sends failed items to the error branch, paired', async () => {
    emulator().enqueue({
      kind: 'status',
      status: 402,
      code: 'insufficient_quota',
      match: { path: '/v1/chat/completions' },
    });
    const { execution, stdout } = await executeWorkflow(n8n, ERROR_OUTPUT_WORKFLOW);
    expect(execution.data.resultData.error, 'the workflow failed').toBeUndefined();
    const runData = execution.data.resultData.runData;
    const [success, failures] = (runData[NODE]?.[0]?.data?.main ?? []) as Items[];
    expect(success?.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }, { item: 4 }]);
    expect(success?.every((i) => typeof i.json.text === 'string')).toBe(true);
    expect(failures?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
    // n8n puts the input item's fields beside the error; the node's own fields are under details.
    expect(failures?.[0]?.json).toMatchObject({
      question: 'What is 0 + 0?',
      error: expect.stringContaining('quota exhausted (402)'),
      details: { status: 402, code: 'insufficient_quota', name: 'QuotaExceededError' },
    });
    expect(failures?.[1]?.json).toMatchObject({
      question: 'What is 2 + 2?',
      error: 'reasoning_effort: "low" is not allowed for gpt-5.4-pro; use medium, high or xhigh',
      details: { description: 'Nothing was sent. Fix Reasoning Effort (under Options).' },
    });
    expect(runData.Answers?.[0]?.data?.main[0]).toHaveLength(3);
    expect(runData.Failures?.[0]?.data?.main[0]).toHaveLength(2);
    expect(posts()).toHaveLength(4);
    expect(stdout).not.toContain(E2E_KEY);
  });

  it('a job that outlives Max Wait is remembered by n8n and collected by the next execution, one POST', async () => {
    const first = await executeWorkflow(n8n, LEDGER_WORKFLOW);
    const [failed] = (first.execution.data.resultData.runData[NODE]?.[0]?.data?.main[0] ?? []) as Items;
    const jobId = failed?.json.jobId as string;
    expect(jobId).toMatch(/^resp_/);
    expect(failed?.json.description).toContain(`This node remembers job ${jobId}`);

    // Until the job is done upstream (bounded: an 8 s job, looked up every second for at most 2 minutes).
    for (let i = 0; i < 120; i++) {
      const job = (await (
        await fetch(`${emulator().url}/v1/responses/${jobId}`, {
          headers: { authorization: `Bearer ${E2E_KEY}` },
        })
      ).json()) as { status?: string };
      if (job.status === 'completed') break;
      await sleep(1_000);
    }
    const second = await executeWorkflow(n8n, LEDGER_WORKFLOW);
    const [answer] = (second.execution.data.resultData.runData[NODE]?.[0]?.data?.main[0] ?? []) as Items;
    expect(answer?.json.error).toBeUndefined();
    expect(answer?.json.text).toContain('Think long');
    expect(answer?.json.collectedJob).toMatchObject({ id: jobId });
    expect(answer?.json.cost).toMatchObject({ currency: 'USD' });
    expect(posts()).toHaveLength(1);
  });
});
