import type { Completion } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { type Marker, renderMarker } from './marker.js';
import {
  answerComment,
  answerFromComment,
  type CommentContext,
  inProgressComment,
  MAX_COMMENT_CHARS,
} from './render-comment.js';
import { type CommentsApi, CommentWriter, findMarkedComments, type IssueComment } from './sticky-comment.js';

/** An in-memory pull request conversation with the three endpoints the action uses. */
function fakeApi(initial: IssueComment[] = []) {
  const comments = [...initial];
  const calls: string[] = [];
  let next = 1000;
  const api: CommentsApi = {
    list: async () => {
      calls.push('list');
      return comments.map((c) => ({ ...c }));
    },
    create: async (body) => {
      calls.push('create');
      const c = { id: next++, body, html_url: `https://github.test/c/${next}`, user: { type: 'Bot' } };
      comments.push(c);
      return { ...c };
    },
    update: async (id, body) => {
      calls.push(`update ${id}`);
      const c = comments.find((x) => x.id === id);
      if (!c) throw new Error(`404 comment ${id}`);
      c.body = body;
      return { ...c };
    },
  };
  return { api, comments, calls };
}

const marker = (head: string, state: Marker['state'] = 'done'): Marker => ({
  key: 'pr-summary',
  head,
  hash: 'h',
  state,
});
const ctx: CommentContext = {
  modelLabel: 'GPT-5.4 pro',
  modelId: 'gpt-5.4-pro',
  reasoningEffort: 'high',
  head: 'abc1234def',
  startedAt: '2025-01-01T00:00:00.000Z',
  runUrl: 'https://github.test/run/1',
};
const completion: Completion = {
  id: 'resp_1',
  model: 'gpt-5.4-pro',
  text: '## Overview\nIt works.',
  finishReason: 'stop',
  status: 'completed',
  usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
  reasoningSummary: 'Thought about it.',
  raw: {},
};

describe('findMarkedComments', () => {
  it('finds the marked comment among others, by key, trusting only bots and maintainers', () => {
    const comments: IssueComment[] = [
      { id: 1, body: 'LGTM', html_url: 'u1', user: { type: 'User' }, author_association: 'MEMBER' },
      {
        id: 2,
        body: renderMarker(marker('a')),
        html_url: 'u2',
        user: { type: 'User' },
        author_association: 'CONTRIBUTOR',
      },
      { id: 3, body: renderMarker({ ...marker('a'), key: 'other' }), html_url: 'u3', user: { type: 'Bot' } },
      { id: 4, body: renderMarker(marker('a')), html_url: 'u4', user: { type: 'Bot' } },
      {
        id: 5,
        body: renderMarker(marker('b')),
        html_url: 'u5',
        user: { type: 'User' },
        author_association: 'OWNER',
      },
    ];
    expect(findMarkedComments(comments, 'pr-summary').map((f) => f.comment.id)).toEqual([4, 5]);
  });
});

describe('CommentWriter', () => {
  it('sticky: creates one comment, then edits it in place (in progress → answer)', async () => {
    const { api, comments, calls } = fakeApi();
    const writer = new CommentWriter(api, 'sticky', undefined);
    await writer.write(inProgressComment(marker('abc', 'running'), ctx));
    await writer.write(answerComment(marker('abc'), ctx, completion));
    expect(calls).toEqual(['create', 'update 1000']);
    expect(comments).toHaveLength(1);
    expect(answerFromComment(comments[0]!.body)).toBe(completion.text);
  });

  it('sticky: a later run edits the existing comment, never a duplicate', async () => {
    const { api, comments, calls } = fakeApi([
      { id: 7, body: renderMarker(marker('old')), html_url: 'u7', user: { type: 'Bot' } },
    ]);
    const found = findMarkedComments(await api.list(), 'pr-summary')[0]!;
    const writer = new CommentWriter(api, 'sticky', found.comment);
    await writer.write(inProgressComment(marker('new', 'running'), ctx));
    await writer.write(answerComment(marker('new'), ctx, completion));
    expect(calls).toEqual(['list', 'update 7', 'update 7']);
    expect(comments).toHaveLength(1);
    expect(writer.url).toBe('u7');
  });

  it('new: one fresh comment per run, edited within the run', async () => {
    const { api, comments } = fakeApi([
      { id: 7, body: renderMarker(marker('old')), html_url: 'u7', user: { type: 'Bot' } },
    ]);
    const writer = new CommentWriter(api, 'new', comments[0]);
    await writer.write('one');
    await writer.write('two');
    expect(comments.map((c) => c.body)).toEqual([renderMarker(marker('old')), 'two']);
  });
});

describe('comment bodies', () => {
  it('in progress names the model, the reasoning effort, the head and the start time', () => {
    const body = inProgressComment(marker('abc1234def', 'running'), ctx);
    expect(body).toContain('GPT-5.4 pro');
    expect(body).toContain('reasoning effort `high`');
    expect(body).toContain('`abc1234`');
    expect(body).toContain('2025-01-01T00:00:00.000Z');
    expect(body).toContain('In progress');
  });

  it('the answer comes with usage and the reasoning summary folded', () => {
    const body = answerComment(marker('abc'), ctx, completion);
    expect(body).toContain('| Total tokens | 1,500 |');
    expect(body).toContain('<summary>Reasoning summary</summary>');
  });

  it("cuts an answer that would pass GitHub's comment limit, and says so", () => {
    const long = { ...completion, text: 'word '.repeat(20_000) };
    const body = answerComment(marker('abc'), ctx, long);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).toContain('The answer is longer than a comment allows');
  });
});
