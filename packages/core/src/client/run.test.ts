import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '../completion.js';
import { AbortedError, TimeoutError } from '../errors/transport-errors.js';
import { clientFor, errorOf, posts, useEmulator } from '../test-utils/emulator.js';

const emulator = useEmulator();
const gets = () =>
  emulator()
    .requests()
    .filter((r) => r.method === 'GET');

/** A gateway that ignores `background` and answers every POST with a finished chat completion. */
async function syncGateway(): Promise<{ url: string; server: Server; posts: () => number }> {
  let count = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method !== 'POST') return res.writeHead(404).end('{"error":{"message":"no route"}}');
      count++;
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_sync' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-sync',
          object: 'chat.completion',
          model: 'gpt-5.4-pro',
          choices: [
            { index: 0, message: { role: 'assistant', content: 'answered at once' }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    server,
    posts: () => count,
  };
}
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

describe('run', () => {
  it('hands the job to onJob before waiting, then returns the answer', async () => {
    const seen: Job[] = [];
    const result = await clientFor(emulator()).run(
      { prompt: 'x [emulator:job-ms=150]' },
      { onJob: (job) => void seen.push(job) },
    );
    expect(seen).toHaveLength(1);
    expect(result.status).toBe('completed');
    if (result.status !== 'completed') return;
    expect(result.completion.id).toBe(seen[0]!.id);
    expect(result.completion.status).toBe('completed');
  });

  it('within: 0 starts the job and hands it back at once, without a poll', async () => {
    const result = await clientFor(emulator()).run({ prompt: 'x [emulator:job-ms=5000]' }, { within: 0 });
    expect(result.status).toBe('pending');
    expect(gets()).toHaveLength(0);
    expect(posts(emulator())).toHaveLength(1);
  });

  it('resumeJob collects an earlier job without a new POST', async () => {
    const client = clientFor(emulator());
    const first = await client.run({ prompt: 'x [emulator:job-ms=300]' }, { within: 0 });
    const again = await client.run({ prompt: 'x' }, { resumeJob: first.job!.id, maxWaitMs: 5_000 });
    expect(again.status).toBe('completed');
    expect(posts(emulator())).toHaveLength(1);
  });

  it('resumeJob reads a JSON job as JSON from the job itself, without the params that started it', async () => {
    const client = clientFor(emulator());
    const first = await client.run(
      { prompt: 'x [emulator:job-ms=200]', response_format: 'json_object' },
      { within: 0 },
    );
    const again = await client.run({}, { resumeJob: first.job!.id, maxWaitMs: 5_000 });
    expect(again.status === 'completed' && again.completion.json).toMatchObject({ emulator: true });
  });

  it('without `within`, running out of maxWaitMs is a TimeoutError naming the job', async () => {
    const error = await errorOf(
      clientFor(emulator()).run({ prompt: 'x [emulator:job-ms=5000]' }, { maxWaitMs: 100 }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).jobId).toMatch(/^resp_/);
  });

  it('plain and streamed deliveries answer in one POST, with no job', async () => {
    const client = clientFor(emulator());
    for (const params of [
      { prompt: 'x', background: false },
      { prompt: 'x', stream: true },
    ]) {
      const result = await client.run(params);
      expect(result).toMatchObject({ status: 'completed' });
    }
    expect(posts(emulator()).map((p) => [p.background ?? false, p.stream ?? false])).toEqual([
      [false, false],
      [false, true],
    ]);
  });

  it('a background request answered at once is the answer (start, run and complete alike)', async () => {
    const gateway = await syncGateway();
    servers.push(gateway.server);
    const client = clientFor(emulator(), { baseUrl: gateway.url });
    const started = await client.start({ prompt: 'x' });
    expect(started).toMatchObject({ id: 'chatcmpl-sync', status: 'completed' });
    expect(started.completion?.text).toBe('answered at once');
    const run = await client.run({ prompt: 'x' }, { within: 10_000 });
    expect(run.status === 'completed' && run.completion.text).toBe('answered at once');
    expect((await client.complete({ prompt: 'x', background: true })).text).toBe('answered at once');
    expect(gateway.posts()).toBe(3);
  });

  it('an abort while the start POST is in flight waits for its job id, then cancels the job', async () => {
    const controller = new AbortController();
    const client = clientFor(emulator());
    const pending = client.run(
      { prompt: 'x [emulator:delay-ms=300] [emulator:job-ms=5000]' },
      { signal: controller.signal, cancelOnAbort: true },
    );
    setTimeout(() => controller.abort(), 50);
    const error = await errorOf(pending);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ jobCancelled: true, jobId: expect.stringMatching(/^resp_/) });
    const cancels = emulator()
      .requests()
      .filter((r) => r.path.endsWith('/cancel'));
    expect(cancels).toHaveLength(1);
  });

  it('without cancelOnAbort, an abort during the start names the running job', async () => {
    const controller = new AbortController();
    const pending = clientFor(emulator()).run(
      { prompt: 'x [emulator:delay-ms=300] [emulator:job-ms=5000]' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    const error = await errorOf(pending);
    expect(error).toMatchObject({ jobCancelled: false, jobId: expect.stringMatching(/^resp_/) });
    expect(error.message).toContain('keeps running upstream');
  });
});
