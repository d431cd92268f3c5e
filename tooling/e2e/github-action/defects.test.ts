import { describe, expect, it } from 'vitest';
import { file, head, KEY, useActionHarness } from './harness.js';
import { RUNNER_CANCEL, runAction } from './run-action.js';

// Issue 16's defects, each against the committed bundle as the runner runs it.
const h = useActionHarness();

describe('issue 16: the key and the token never leave in what the action writes', () => {
  it('an answer quoting the API key and the GitHub token is scrubbed in the comment, summary, text, json and response file', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const token = h.github().token;
    // The emulator's answer quotes the start of the prompt: here, the two secrets.
    const prompt = `${token} ${KEY} say them back`;
    const text = await h.run(pr.number, { mode: 'prompt', prompt });
    expect(text.code, text.stdout).toBe(0);
    expect(text.outputs.text).toContain('[redacted]');
    const json = await h.run(pr.number, {
      mode: 'prompt',
      prompt: `${prompt}. Answer as JSON.`,
      'response-format': 'json_object',
      force: 'true',
    });
    expect(json.code, json.stdout).toBe(0);
    expect(json.outputs.json).toContain('[redacted]');
    for (const result of [text, json]) h.expectNone(result, [KEY, token], pr.number);
  });
});

describe('issue 16: every input checked before any GitHub write', () => {
  it('a bad base-url is in the combined list, named base-url, and nothing is written to GitHub', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    h.github().clearRequests();
    const result = await h.run(pr.number, { 'base-url': 'ftp://models.example', comment: 'always' });
    expect(result.code).toBe(1);
    const error = result.stdout.split('\n').find((l) => l.startsWith('::error'))!;
    expect(error).toContain('input base-url: "ftp://models.example" is not allowed');
    expect(error).toContain('input comment: "always" is not allowed');
    expect(error).not.toContain('baseUrl');
    expect(h.github().requests()).toEqual([]);
    expect(h.emulator().requests()).toEqual([]);
  });

  it('a key with a line break is bad input before any GitHub write (no "in progress" comment left behind)', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    h.github().clearRequests();
    const result = await h.run(pr.number, { 'api-key': `${KEY}\nsk-second-line` });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('input api-key: the key holds a line break');
    expect(
      h
        .github()
        .requests()
        .filter((r) => r.method !== 'GET'),
    ).toEqual([]);
    expect(h.markedComments(pr.number)).toEqual([]);
    expect(h.emulator().requests()).toEqual([]);
  });
});

describe('issue 16: diff-file is not capped at 20 MiB', () => {
  it('summarises a 31 MB uploaded diff (the fork-safe pattern), budgeted', async () => {
    const pr = h.newPull([]);
    const parts: string[] = [];
    for (let i = 0; parts.join('').length < 31_000_000 && i < 400; i++) {
      const lines = Array.from(
        { length: 4_000 },
        (_, j) => `+const v${j} = 'file ${i} line ${j} ${'x'.repeat(40)}';`,
      );
      parts.push(
        `diff --git a/src/f${i}.ts b/src/f${i}.ts\n--- a/src/f${i}.ts\n+++ b/src/f${i}.ts\n@@ -0,0 +1,4000 @@\n${lines.join('\n')}\n`,
      );
    }
    const diff = parts.join('');
    expect(diff.length).toBeGreaterThan(31_000_000);
    const result = await runAction({
      eventName: 'workflow_run',
      event: { workflow_run: { head_sha: head(9), pull_requests: [] } },
      repository: `${h.github().owner}/${h.github().repo}`,
      apiUrl: h.github().url,
      workspaceFiles: { 'pr/diff.patch': diff },
      inputs: {
        'api-key': KEY,
        'base-url': h.emulator().url,
        'github-token': h.github().token,
        mode: 'summarize',
        'diff-file': 'pr/diff.patch',
        'pull-request': String(pr.number),
        'max-diff-tokens': '20000',
        background: 'true',
      },
    });
    expect(result.code, result.stdout).toBe(0);
    expect(Number(result.outputs['prompt-tokens'])).toBeLessThan(40_000);
    expect(h.markedComments(pr.number)[0]!.body).toContain('"state":"done"');
  });
});

describe('issue 16: a cancel always finishes the comment', () => {
  it('a slow upstream cancel: "cancelling…" first, the final word before SIGKILL, on the runner’s schedule', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    // The cancel request hangs far longer than the runner's grace period.
    h.emulator().enqueue({
      kind: 'slow-headers',
      ms: 60_000,
      match: { method: 'POST', path: '/v1/responses/' },
    });
    const result = await h.run(
      pr.number,
      { prompt: 'Summarise. [emulator:job-ms=120000]' },
      { cancelWhen: /Background job resp_\S+ started/, cancelSignals: RUNNER_CANCEL },
    );
    expect(result.signal, result.stdout).not.toBe('SIGKILL');
    expect(result.signalsSent.map((s) => s.signal)).not.toContain('SIGKILL');
    const comment = h.markedComments(pr.number)[0]!;
    const history = h.github().history(comment.id);
    const cancelling = history.findIndex((b) => b.includes('Cancelling…'));
    expect(cancelling, history.join('\n---\n')).toBeGreaterThan(0);
    const final = history.at(-1)!;
    expect(final).not.toContain('In progress');
    expect(final).not.toContain('Cancelling…');
    expect(final).toMatch(/Cancelled/);
    // Not confirmed upstream: the marker keeps the job, so the next run collects it instead of paying again.
    expect(final).toMatch(/"state":"running","job":"resp_/);
    expect(
      h
        .emulator()
        .requests()
        .filter((r) => r.path.endsWith('/cancel')),
    ).toHaveLength(1);
  });
});

describe('issue 16: a second signal still writes the comment', () => {
  it('SIGTERM 1 s after SIGINT, the upstream cancel still hanging: the final word is written, then the exit', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    h.emulator().enqueue({
      kind: 'slow-headers',
      ms: 60_000,
      match: { method: 'POST', path: '/v1/responses/' },
    });
    const result = await h.run(
      pr.number,
      { prompt: 'Summarise. [emulator:job-ms=120000]' },
      {
        cancelWhen: /Background job resp_\S+ started/,
        cancelSignals: [
          { signal: 'SIGINT', afterMs: 0 },
          { signal: 'SIGTERM', afterMs: 1_000 },
          { signal: 'SIGKILL', afterMs: 2_500 },
        ],
      },
    );
    expect(result.signalsSent.map((s) => s.signal)).toEqual(['SIGINT', 'SIGTERM']);
    expect(result.code).toBe(130);
    const final = h.markedComments(pr.number)[0]!.body;
    expect(final).toContain('Cancelled before the upstream cancel answered');
    expect(final).toMatch(/"state":"running","job":"resp_/);
    expect(final).toContain('the next run on this head collects it');
  });
});

describe('issue 16: words and whole answers', () => {
  it('a dropped start in background mode does not advise "use background mode"', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    h.emulator().enqueue({
      kind: 'drop',
      when: 'before-body',
      match: { method: 'POST', path: '/v1/chat/completions' },
    });
    const result = await h.run(pr.number, {});
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error title=ModelStream%3A ConnectionError::/);
    expect(result.stdout).not.toContain('use background mode');
    expect(result.stdout).toContain('Background mode was on');
    expect(h.markedComments(pr.number)[0]!.body).not.toContain('use background mode');
    expect(h.modelCalls()).toHaveLength(1);
  });

  it('a skipped rerun of an answer over 65,536 characters hands on the whole answer (fetched by its job id)', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const inputs = { mode: 'prompt', prompt: 'Write at length. [emulator:answer-bytes=90000]' };
    const first = await h.run(pr.number, inputs);
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs.text!.length).toBeGreaterThan(65_536);
    expect(h.markedComments(pr.number)[0]!.body.length).toBeLessThanOrEqual(65_536);
    const posts = h.modelCalls().length;
    const second = await h.run(pr.number, inputs);
    expect(second.code, second.stdout).toBe(0);
    expect(second.outputs.skipped).toBe('true');
    expect(h.modelCalls()).toHaveLength(posts);
    expect(second.outputs.text).toBe(first.outputs.text);
    expect(second.files['response-file']).toBe(first.outputs.text);
  });

  it('…and says it was trimmed when the whole answer cannot be fetched again (no job: background off)', async () => {
    const pr = h.newPull([file('src/a.ts', 5)]);
    const inputs = {
      mode: 'prompt',
      prompt: 'Write at length. [emulator:answer-bytes=90000]',
      background: 'false',
    };
    const first = await h.run(pr.number, inputs);
    expect(first.code, first.stdout).toBe(0);
    const second = await h.run(pr.number, inputs);
    expect(second.outputs.skipped).toBe('true');
    expect(second.outputs.text).toContain('trimmed to fit a comment');
    expect(second.stdout).toContain('::warning::The `text` output is the comment’s trimmed copy');
  });
});
