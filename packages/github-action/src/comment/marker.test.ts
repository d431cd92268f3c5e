import { describe, expect, it } from 'vitest';
import { decideRun, type Marker, parseMarker, renderMarker, requestHash } from './marker.js';

const marker: Marker = {
  key: 'pr-summary',
  head: 'a'.repeat(40),
  hash: 'f'.repeat(32),
  state: 'done',
  job: 'resp_1',
};

describe('marker', () => {
  it('round-trips through the first line of a comment', () => {
    const body = `${renderMarker(marker)}\n\nThe answer`;
    expect(body.startsWith('<!-- modelstream-kit {')).toBe(true);
    expect(parseMarker(body)).toEqual(marker);
  });

  it('keeps the kept summary’s commit of an incremental answer', () => {
    const incremental = { ...marker, base: 'b'.repeat(40) };
    expect(parseMarker(renderMarker(incremental))).toEqual(incremental);
    expect(parseMarker(renderMarker(marker))).not.toHaveProperty('base');
  });

  it('cannot be closed early or smuggled in further down', () => {
    const tricky = { ...marker, key: 'x-->y' };
    const line = renderMarker(tricky);
    expect(line.slice(4, -4)).not.toContain('--');
    expect(parseMarker(line)).toEqual(tricky);
    expect(parseMarker(`Hello\n${renderMarker(marker)}`)).toBeUndefined();
    expect(parseMarker('<!-- modelstream-kit {"v":1,"key":"k"} -->')).toBeUndefined();
    expect(parseMarker('<!-- modelstream-kit not json -->')).toBeUndefined();
    expect(parseMarker(undefined)).toBeUndefined();
  });
});

describe('requestHash', () => {
  it('is stable across key order and ignores how the answer is fetched', () => {
    const a = requestHash('gpt-5.4-pro', { prompt: 'p', reasoning_effort: 'high', background: true });
    const b = requestHash('gpt-5.4-pro', { reasoning_effort: 'high', prompt: 'p', stream: true });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes with the prompt, any parameter or the model', () => {
    const base = requestHash('gpt-5.4-pro', { prompt: 'p', reasoning_effort: 'high' });
    expect(requestHash('gpt-5.4-pro', { prompt: 'p2', reasoning_effort: 'high' })).not.toBe(base);
    expect(requestHash('gpt-5.4-pro', { prompt: 'p', reasoning_effort: 'xhigh' })).not.toBe(base);
    expect(
      requestHash('gpt-5.4-pro', { prompt: 'p', reasoning_effort: 'high', system_prompt: 's' }),
    ).not.toBe(base);
    expect(requestHash('gpt-5.5', { prompt: 'p', reasoning_effort: 'high' })).not.toBe(base);
  });
});

describe('decideRun', () => {
  const current = { head: marker.head, hash: marker.hash };
  it('skips when the comment already answers this head and hash', () => {
    expect(decideRun(marker, current, false).kind).toBe('skip');
    expect(decideRun(marker, current, true).kind).toBe('call');
  });
  it('calls for a new head, a new prompt, a failure, or no comment', () => {
    expect(decideRun(marker, { ...current, head: 'b'.repeat(40) }, false).kind).toBe('call');
    expect(decideRun(marker, { ...current, hash: '0'.repeat(32) }, false).kind).toBe('call');
    expect(decideRun({ ...marker, state: 'failed' }, current, false).kind).toBe('call');
    expect(decideRun({ ...marker, state: 'cancelled' }, current, false).kind).toBe('call');
    expect(decideRun(undefined, current, false).kind).toBe('call');
  });
  it('collects a job an earlier run left running instead of paying again', () => {
    expect(decideRun({ ...marker, state: 'running', job: 'resp_9' }, current, false)).toMatchObject({
      kind: 'resume',
      job: 'resp_9',
    });
    expect(decideRun({ ...marker, state: 'running', job: undefined }, current, false).kind).toBe('call');
  });
});
