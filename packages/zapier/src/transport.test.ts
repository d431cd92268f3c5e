import { describe, expect, it } from 'vitest';
import { failureKind } from './transport.js';

const live = new AbortController().signal;

describe('failureKind: what z.request threw, as the core reads it', () => {
  it('only refused or unresolvable connections count as never sent', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
      expect(failureKind({ name: 'FetchError', type: 'system', code }, live)).toBe('connect');
    }
    expect(failureKind({ name: 'FetchError', type: 'system', code: 'ECONNRESET' }, live)).toBe('dropped');
    expect(failureKind(new Error('something else'), live)).toBe('dropped');
  });

  it("node-fetch's timeouts: before the headers, and while reading the body", () => {
    expect(failureKind({ name: 'FetchError', type: 'request-timeout' }, live)).toBe('headers-timeout');
    expect(failureKind({ name: 'FetchError', type: 'body-timeout' }, live)).toBe('body-timeout');
  });

  it('an aborted signal wins over whatever the abort surfaced as', () => {
    const controller = new AbortController();
    controller.abort();
    expect(failureKind({ name: 'FetchError', type: 'system', code: 'ECONNRESET' }, controller.signal)).toBe(
      'aborted',
    );
    expect(failureKind({ name: 'AbortError' }, live)).toBe('aborted');
  });
});
