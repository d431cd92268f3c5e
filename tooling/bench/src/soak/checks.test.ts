import { describe, expect, it } from 'vitest';
import type { ObservedRequest } from '../emulator/forked-emulator.js';
import {
  compareLogs,
  doublePosts,
  lostJobIds,
  missingPosts,
  polledJobIds,
  tally,
  unsentByDeadline,
} from './checks.js';
import type { Outcome } from './outcome.js';

const post = (tag: string, status?: number): ObservedRequest => ({
  method: 'POST',
  path: '/v1/chat/completions',
  status,
  tag,
});

describe('doublePosts', () => {
  it('allows a POST again only after a 429 or a 5xx answer', () => {
    const log = [
      post('a', 429),
      post('a', 503),
      post('a', 200),
      post('b', 500),
      post('b', 200),
      post('c', 200),
    ];
    expect(doublePosts(log)).toEqual([]);
  });

  it('catches a POST sent again after a drop (no status), a 200 or a 400', () => {
    const log = [post('a'), post('a', 200), post('b', 200), post('b', 200), post('c', 400), post('c', 200)];
    expect(doublePosts(log).map((v) => [v.tag, v.before])).toEqual([
      ['a', ['dropped']],
      ['b', [200]],
      ['c', [400]],
    ]);
  });

  it('ignores polls, cancels and untagged requests', () => {
    const log: ObservedRequest[] = [
      { method: 'GET', path: '/v1/responses/r1', status: 200, tag: 'a' },
      { method: 'GET', path: '/v1/responses/r1', status: 200, tag: 'a' },
      { method: 'POST', path: '/v1/responses/r1/cancel', status: 200, tag: 'a' },
      { method: 'POST', path: '/v1/chat/completions', status: 200 },
      { method: 'POST', path: '/v1/chat/completions', status: 200 },
      post('a', 200),
    ];
    expect(doublePosts(log)).toEqual([]);
  });
});

describe('missingPosts and tally', () => {
  const outcome = (tag: string, result: string): Outcome => ({
    index: 0,
    tag,
    kind: 'plain',
    result,
    typed: true,
    leaked: false,
  });

  it('names the calls the emulator never saw', () => {
    expect(
      missingPosts([post('a', 200)], [outcome('a', 'Completion'), outcome('b', 'ConnectionError')]),
    ).toEqual(['b']);
  });

  it('excuses only a call that ran out of its own deadline before its POST went out', () => {
    const outcomes = [
      { ...outcome('a', 'TimeoutError'), phase: 'deadline' },
      { ...outcome('b', 'TimeoutError'), phase: 'headers' },
      { ...outcome('c', 'TimeoutError'), phase: 'deadline' },
    ];
    expect(missingPosts([post('c')], outcomes)).toEqual(['b']);
    expect(unsentByDeadline([post('c')], outcomes)).toEqual(['a']);
  });

  it('counts outcomes by kind and result', () => {
    expect(
      tally([outcome('a', 'Completion'), outcome('b', 'Completion'), outcome('c', 'TimeoutError')]),
    ).toEqual({
      'plain: Completion': 2,
      'plain: TimeoutError': 1,
    });
  });
});

describe('compareLogs', () => {
  it('agrees when both sides counted the same status lines, a cut answer among them', () => {
    const log = [post('a', 200), post('b'), post('c', 429), post('d', 200)];
    const wire = [
      post('a', 200),
      { ...post('b'), dropped: true },
      post('c', 429),
      { ...post('d', 200), dropped: true },
    ];
    expect(compareLogs(log, wire)).toEqual([]);
  });

  it('names each status whose counts differ, and ignores polls', () => {
    const poll = { method: 'GET', path: '/v1/responses/r1', status: 200 };
    expect(compareLogs([post('a', 200), poll], [post('a'), poll, poll])).toEqual([
      'status 200: emulator log 1, wire 0',
      'status none: emulator log 0, wire 1',
    ]);
  });
});

describe('lostJobIds', () => {
  const outcome = (tag: string, result: string, more: Partial<Outcome> = {}): Outcome => ({
    index: 0,
    tag,
    kind: 'background',
    result,
    typed: true,
    leaked: false,
    ...more,
  });

  it('passes completions and errors that carry the job id they started', () => {
    const started = new Map([
      ['resp_1', 'a'],
      ['resp_2', 'b'],
    ]);
    const outcomes = [
      outcome('a', 'Completion'),
      outcome('b', 'ServerError', { jobId: 'resp_2' }),
      outcome('c', 'ConnectionError'),
      outcome('d', 'AbortedError', { jobId: 'resp_4', knownJobId: 'resp_4' }),
    ];
    expect(lostJobIds(outcomes, started)).toEqual([]);
  });

  it('catches an error without the id the ledger or onJob knew, or with another id', () => {
    const started = new Map([
      ['resp_1', 'a'],
      ['resp_2', 'b'],
    ]);
    const outcomes = [
      outcome('a', 'InvalidResponseError'),
      outcome('b', 'TimeoutError', { jobId: 'resp_9' }),
      outcome('c', 'ServerError', { knownJobId: 'resp_3' }),
    ];
    expect(lostJobIds(outcomes, started)).toEqual([
      { tag: 'a', jobId: 'resp_1', result: 'InvalidResponseError' },
      { tag: 'b', jobId: 'resp_2', result: 'TimeoutError', errorJobId: 'resp_9' },
      { tag: 'c', jobId: 'resp_3', result: 'ServerError' },
    ]);
  });

  it('reads the job ids polled and cancelled on the wire', () => {
    const log: ObservedRequest[] = [
      { method: 'GET', path: '/v1/responses/resp_1' },
      { method: 'POST', path: '/v1/responses/resp_2/cancel' },
      post('a', 200),
      { method: 'GET', path: '/v1/models' },
    ];
    expect([...polledJobIds(log)].sort()).toEqual(['resp_1', 'resp_2']);
  });
});
