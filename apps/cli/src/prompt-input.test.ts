import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resolvePrompt, type StdinLike } from './prompt-input.js';

const piped = (text: string): StdinLike => Readable.from([Buffer.from(text)]);
const terminal = (): StdinLike => Object.assign(Readable.from([]), { isTTY: true });

describe('resolvePrompt', () => {
  it('takes the argument alone when stdin is a terminal', async () => {
    expect(await resolvePrompt('Hello', terminal())).toBe('Hello');
  });

  it('reads stdin when there is no argument, or it is -', async () => {
    expect(await resolvePrompt(undefined, piped('from a pipe\n'))).toBe('from a pipe\n');
    expect(await resolvePrompt('-', piped('dash'))).toBe('dash');
  });

  it('puts the argument first and the piped material after it', async () => {
    expect(await resolvePrompt('Summarise this change', piped('diff --git a b\n'))).toBe(
      'Summarise this change\n\ndiff --git a b\n',
    );
  });

  it('keeps the argument alone when the pipe is empty', async () => {
    expect(await resolvePrompt('Hello', piped(''))).toBe('Hello');
  });

  it('gives nothing when there is nothing, so the spec says the prompt is required', async () => {
    expect(await resolvePrompt(undefined, terminal())).toBeUndefined();
    expect(await resolvePrompt(undefined, piped('  \n'))).toBeUndefined();
  });
});
