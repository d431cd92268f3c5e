import { PassThrough } from 'node:stream';
import { RateLimitError } from '@modelstream-kit/core';
import { describe, expect, it } from 'vitest';
import { createProgress, formatElapsed } from './progress.js';

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('progress', () => {
  it('formats elapsed time', () => {
    expect(formatElapsed(1_234)).toBe('1.2s');
    expect(formatElapsed(42_000)).toBe('42s');
    expect(formatElapsed(125_000)).toBe('2m05s');
  });

  it('writes one plain line per job status change when not on a terminal', () => {
    let now = 0;
    const out = capture(false);
    const progress = createProgress({ stream: out.stream, quiet: false, now: () => now });
    progress.begin('Starting a background job');
    progress.begin('Job resp_1', { line: false });
    progress.job({ id: 'resp_1', status: 'queued' }, 0);
    progress.job({ id: 'resp_1', status: 'queued' }, 500);
    now = 1_000;
    progress.job({ id: 'resp_1', status: 'in_progress' }, 1_000);
    now = 20_000;
    progress.job({ id: 'resp_1', status: 'in_progress' }, 20_000);
    progress.retry({ attempt: 1, delayMs: 1_500, error: new RateLimitError('429', { status: 429 }) });
    progress.end();
    expect(out.text().split('\n').filter(Boolean)).toEqual([
      'modelstream: Starting a background job...',
      'modelstream: job resp_1 queued (0.0s)',
      'modelstream: job resp_1 in_progress (1.0s)',
      'modelstream: job resp_1 in_progress (20s)',
      'modelstream: RateLimitError (429); retry 1 in 1.5s',
    ]);
  });

  it('writes nothing when quiet', () => {
    const out = capture(false);
    const progress = createProgress({ stream: out.stream, quiet: true });
    progress.begin('x');
    progress.job({ id: 'r', status: 'queued' }, 0);
    progress.note('usage');
    progress.end();
    expect(out.text()).toBe('');
  });
});
