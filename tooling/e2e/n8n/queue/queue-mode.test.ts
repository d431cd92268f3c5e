import { useEmulator } from '@modelstream-kit/emulator/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packNodePackage } from '../pack-node-package.js';
import {
  createInstance,
  ensureRealN8n,
  N8N_VERSION,
  type N8nInstance,
  type N8nProcess,
  type RealN8n,
} from '../real-n8n.js';
import { credentialRef, E2E_KEY, importAll } from '../run-workflow.js';
import { stepTimings } from '../step-timings.js';
import { ensureRedisServer, type RedisServer, startRedis } from './redis.js';
import { type N8nRest, ownerSession } from './rest.js';
import { freePort, waitFor } from './wait-for.js';

const BATCH_ID = 'msQueueBatch0001';
const LONG_ID = 'msQueueLongJob01';
const BATCH_SIZE = 6;

let real: RealN8n;
let packed: PackedPackage;
let n8n: N8nInstance;
let redis: RedisServer | undefined;
let main: N8nProcess | undefined;
let worker: N8nProcess | undefined;
let mainUrl: string;
let rest: N8nRest;
const emulator = useEmulator({ jobDurationMs: 300 });
const { timings, timed } = stepTimings();

/** Webhook → Code → ModelStream: production webhooks in queue mode run on a worker. */
function webhookWorkflow(id: string, path: string, code: string, prompt: string) {
  return {
    id,
    name: `queue ${path}`,
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        id: `${id}-1`,
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: `${id}-hook`,
        parameters: { httpMethod: 'GET', path, responseMode: 'onReceived' },
      },
      {
        id: `${id}-2`,
        name: 'Items',
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: [220, 0],
        parameters: { jsCode: code },
      },
      {
        id: `${id}-3`,
        name: 'GPT-5.4 Pro',
        type: 'CUSTOM.modelStream',
        typeVersion: 1,
        position: [440, 0],
        credentials: credentialRef,
        parameters: { operation: 'message', prompt, options: { concurrency: 3 } },
      },
    ],
    connections: {
      Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
      Items: { main: [[{ node: 'GPT-5.4 Pro', type: 'main', index: 0 }]] },
    },
  };
}

const workflows = () => [
  webhookWorkflow(
    BATCH_ID,
    'ms-batch',
    `return Array.from({ length: ${BATCH_SIZE} }, (_, i) => ({ json: { question: "Queue item " + i } }));`,
    '={{ $json.question }}',
  ),
  webhookWorkflow(
    LONG_ID,
    'ms-long',
    'return [{ json: {} }];',
    'A very long answer [emulator:job-ms=600000]',
  ),
];

const tail = (text: string | undefined) => (text ?? '').split('\n').slice(-40).join('\n');
const describeProcesses = () =>
  `--- main ---\n${tail(main?.output())}\n--- worker ---\n${tail(worker?.output())}`;

async function readiness(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const redisServer = await timed('redis-server present', ensureRedisServer);
  real = await timed('n8n ready', ensureRealN8n);
  packed = await timed('pack', packNodePackage);
  n8n = await createInstance(real, packed.dir);
  await importAll(n8n, emulator().url, workflows(), timed);
  await timed('publish', async () => {
    for (const id of [BATCH_ID, LONG_ID]) await n8n.cli(['publish:workflow', `--id=${id}`]);
  });
  const ports: number[] = [];
  while (ports.length < 5) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const [redisPort, mainPort, workerPort, mainBrokerPort, workerBrokerPort] = ports as [
    number,
    number,
    number,
    number,
    number,
  ];
  redis = await timed('redis start', () => startRedis(redisServer.bin, redisPort));
  const queueEnv = {
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_REDIS_HOST: '127.0.0.1',
    QUEUE_BULL_REDIS_PORT: String(redisPort),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_SECURE_COOKIE: 'false',
    N8N_LOG_LEVEL: 'info',
  };
  mainUrl = `http://127.0.0.1:${mainPort}`;
  await timed('main and worker ready', async () => {
    // Each process has a task broker (for the Code node), by default on port 5679: one port each.
    main = n8n.spawn(
      ['start'],
      { ...queueEnv, N8N_PORT: String(mainPort), N8N_RUNNERS_BROKER_PORT: String(mainBrokerPort) },
      'main',
    );
    worker = n8n.spawn(
      ['worker', '--concurrency=5'],
      {
        ...queueEnv,
        QUEUE_HEALTH_CHECK_ACTIVE: 'true',
        QUEUE_HEALTH_CHECK_PORT: String(workerPort),
        N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
        N8N_RUNNERS_BROKER_PORT: String(workerBrokerPort),
      },
      'worker',
    );
    await Promise.all([
      waitFor(() => readiness(`${mainUrl}/healthz/readiness`), {
        what: 'the n8n main to be ready',
        timeoutMs: 240_000,
        everyMs: 500,
        describe: describeProcesses,
        stopIf: () => !main?.running() || !worker?.running(),
      }),
      waitFor(() => readiness(`http://127.0.0.1:${workerPort}/healthz/readiness`), {
        what: 'the n8n worker to be ready',
        timeoutMs: 240_000,
        everyMs: 500,
        describe: describeProcesses,
        stopIf: () => !main?.running() || !worker?.running(),
      }),
    ]);
  });
  rest = await ownerSession(mainUrl);
});

afterAll(async () => {
  await Promise.all([main?.stop(), worker?.stop()]);
  await redis?.stop();
  await n8n?.cleanup();
  await packed?.cleanup();
  process.stdout.write(
    `[real n8n ${N8N_VERSION}, queue mode] ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}\n`,
  );
});

const chatPosts = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');

/** The execution ids the worker says it started and finished. */
const workerLog = (kind: 'started' | 'finished') =>
  [...(worker?.output() ?? '').matchAll(new RegExp(`Worker ${kind} execution (\\d+)`, 'g'))].map((m) => m[1]);

async function hook(path: string): Promise<void> {
  const response = await fetch(`${mainUrl}/webhook/${path}`, { signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  expect(response.status, body).toBe(200);
}

describe(`ModelStream in a real n8n ${N8N_VERSION} in queue mode (Redis, a main and one worker)`, () => {
  it('runs a batch through the worker: every item answered once, as background jobs', async () => {
    await timed('batch', async () => {
      await hook('ms-batch');
      await waitFor(() => workerLog('finished').length >= 1, {
        what: 'the worker to finish the batch execution',
        timeoutMs: 240_000,
        describe: describeProcesses,
      });
    });
    const [executionId] = workerLog('finished');
    expect(workerLog('started')).toEqual([executionId]);
    const execution = (await rest.get(`/executions/${executionId}`)) as {
      data?: { status?: string; mode?: string };
    };
    expect(execution.data?.status).toBe('success');
    expect(execution.data?.mode).toBe('webhook');

    const posts = chatPosts();
    expect(posts).toHaveLength(BATCH_SIZE);
    expect(posts.every((r) => r.hasKey && r.background === true && r.status === 200)).toBe(true);
    expect(main?.output()).not.toContain(E2E_KEY);
    expect(worker?.output()).not.toContain(E2E_KEY);
  });

  it('stopping the execution on the main cancels the job the worker started upstream', async () => {
    await hook('ms-long');
    // The job is running upstream once the worker's node polled it.
    await waitFor(
      () =>
        emulator()
          .requests()
          .some((r) => r.method === 'GET' && r.path.startsWith('/v1/responses/')),
      {
        what: 'the worker to start the long job and poll it',
        timeoutMs: 240_000,
        describe: describeProcesses,
      },
    );
    const started = workerLog('started');
    const executionId = started[started.length - 1];
    expect(executionId).toBeDefined();
    await timed('stop', async () => {
      await rest.post(`/executions/${executionId}/stop`);
      await waitFor(
        () =>
          emulator()
            .requests()
            .some((r) => r.method === 'POST' && r.path.endsWith('/cancel') && r.status !== undefined),
        { what: 'the upstream job to be cancelled', timeoutMs: 120_000, describe: describeProcesses },
      );
    });
    const cancels = emulator()
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.status).toBe(200);
    expect(chatPosts()).toHaveLength(1);
    const execution = await waitFor(
      async () => {
        const found = (await rest.get(`/executions/${executionId}`)) as { data?: { status?: string } };
        return found.data?.status && found.data.status !== 'running' ? found.data : undefined;
      },
      { what: 'the stopped execution to end', timeoutMs: 60_000, everyMs: 500, describe: describeProcesses },
    );
    expect(['canceled', 'cancelled', 'crashed', 'error']).toContain(execution.status);
  });
});
