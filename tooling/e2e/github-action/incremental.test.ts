import { describe, expect, it } from 'vitest';
import { file, head, useActionHarness } from './harness.js';

// Issue 16 "Beyond": `incremental: true` keeps the summary and adds what changed since its commit.
const h = useActionHarness();

describe('incremental summaries', () => {
  it('a new push: the kept summary and a "Changes since" section from the compare API, for fewer tokens', async () => {
    const pr = h.newPull([file('src/client.ts', 300), file('src/retry.ts', 300)]);
    const first = await h.run(pr.number, { incremental: 'true' });
    expect(first.code, first.stdout).toBe(0);
    const summary = first.outputs.text!;
    const fullTokens = Number(first.outputs['prompt-tokens']);

    pr.head.sha = head(2);
    const since = [file('src/b.ts', 5)];
    pr.files.push(...since);
    pr.compare = { [`${head(1)}...${head(2)}`]: since };
    const second = await h.run(pr.number, { incremental: 'true' });
    expect(second.code, second.stdout).toBe(0);
    expect(second.stdout).toContain('incremental: 1 files changed since ccccccc');
    expect(
      h
        .github()
        .requests()
        .some((r) => r.path.endsWith(`/compare/${head(1)}...${head(2)}`)),
    ).toBe(true);
    const comment = h.markedComments(pr.number);
    expect(comment).toHaveLength(1);
    const body = comment[0]!.body;
    expect(body).toContain(summary);
    expect(body).toContain('### Changes since `ccccccc`');
    // The emulator quotes the prompt's start: the incremental question, not the full summary's.
    expect(body).toContain('answering "A summary of this pull request was written for an earlier');
    expect(body).toContain(`"head":"${head(2)}"`);
    expect(body).toContain(`"base":"${head(1)}"`);
    expect(Number(second.outputs['prompt-tokens'])).toBeLessThan(fullTokens);
    expect(second.outputs.text).toContain('### Changes since');

    // A rerun on that head makes no call; a later push compares from the kept summary's commit again.
    const posts = h.modelCalls().length;
    const again = await h.run(pr.number, { incremental: 'true' });
    expect(again.outputs.skipped).toBe('true');
    expect(h.modelCalls()).toHaveLength(posts);

    pr.head.sha = head(3);
    pr.compare[`${head(1)}...${head(3)}`] = [...since, file('src/c.ts', 5)];
    const third = await h.run(pr.number, { incremental: 'true' });
    expect(third.code, third.stdout).toBe(0);
    const last = h.markedComments(pr.number)[0]!.body;
    expect(last).toContain(summary);
    expect(last.match(/### Changes since/g)).toHaveLength(1);
    expect(last).toContain(`"base":"${head(1)}"`);
  });

  it('falls back to a full summary when the compare fails (a force-push removed the commit)', async () => {
    const pr = h.newPull([file('src/a.ts', 20)]);
    await h.run(pr.number, { incremental: 'true' });
    pr.head.sha = head(5);
    const result = await h.run(pr.number, { incremental: 'true' });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /incremental: comparing ccccccc\.\.\.ccccccc failed .*a full summary instead/,
    );
    const body = h.markedComments(pr.number)[0]!.body;
    expect(body).not.toContain('Changes since');
    expect(body).not.toContain('"base"');
  });
});
