import { describe, expect, it } from 'vitest';
import { file, head, useActionHarness } from './harness.js';
import { RUNNER_CANCEL } from './run-action.js';

// Issue 16 "Beyond": `concurrency: { cancel-in-progress: true }` cancels the older run when a newer push
// comes; GitHub starts the newer run once the older one has finished cancelling.
const h = useActionHarness();

describe('a run superseded by a newer push', () => {
  it('cancels its upstream job; the newer run answers in the same comment', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const older = await h.run(
      pr.number,
      { prompt: 'Summarise. [emulator:job-ms=120000]' },
      { cancelWhen: /Background job resp_\S+ started/, cancelSignals: RUNNER_CANCEL },
    );
    expect(older.signalsSent.map((s) => s.signal)).toEqual(['SIGINT']);
    const job = /Background job (resp_\S+) started/.exec(older.stdout)![1]!;
    const cancels = h
      .emulator()
      .requests()
      .filter((r) => r.method === 'POST' && r.path === `/v1/responses/${job}/cancel`);
    expect(cancels).toHaveLength(1);
    const [comment] = h.markedComments(pr.number);
    expect(comment!.body).toContain('"state":"cancelled"');
    expect(comment!.body).toContain('cancelled upstream');

    // The newer push: a new head, one more file.
    pr.head.sha = head(2);
    pr.files.push(file('src/b.ts', 5));
    const newer = await h.run(pr.number, { prompt: 'Summarise.' });
    expect(newer.code, newer.stdout).toBe(0);
    const marked = h.markedComments(pr.number);
    expect(marked).toHaveLength(1);
    expect(marked[0]!.id).toBe(comment!.id);
    expect(marked[0]!.body).toContain(`"head":"${head(2)}"`);
    expect(marked[0]!.body).toContain('"state":"done"');
    expect(h.modelCalls()).toHaveLength(2); // one per head, none resent
  });
});
