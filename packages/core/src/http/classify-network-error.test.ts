import { describe, expect, it } from 'vitest';
import { classifyNetworkError } from './classify-network-error.js';

const wrap = (inner: object, depth = 2): object =>
  depth === 0 ? inner : { name: 'Wrapper', cause: wrap(inner, depth - 1) };

describe('classifyNetworkError', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, 'connect'],
    [{ code: 'ENOTFOUND' }, 'connect'],
    [{ errno: 'EAI_AGAIN' }, 'connect'],
    [{ code: 'UND_ERR_CONNECT_TIMEOUT' }, 'connect-timeout'],
    [{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'headers-timeout'],
    [{ code: 'ECONNABORTED' }, 'headers-timeout'],
    [{ name: 'FetchError', type: 'request-timeout' }, 'headers-timeout'],
    [{ code: 'UND_ERR_BODY_TIMEOUT' }, 'body-timeout'],
    [{ name: 'FetchError', type: 'body-timeout' }, 'body-timeout'],
    [{ name: 'AbortError' }, 'aborted'],
    [{ name: 'CanceledError', code: 'ERR_CANCELED' }, 'aborted'],
    [{ code: 'ECONNRESET' }, 'dropped'],
    [{ code: 'UND_ERR_SOCKET' }, 'dropped'],
  ] as const)('%j → %s, also when wrapped', (error, kind) => {
    expect(classifyNetworkError(error)).toBe(kind);
    expect(classifyNetworkError(wrap(error))).toBe(kind);
  });

  it('calls anything unknown "dropped", so a POST is never sent twice', () => {
    expect(classifyNetworkError(new Error('odd'))).toBe('dropped');
    expect(classifyNetworkError('not an error')).toBe('dropped');
    expect(classifyNetworkError(undefined)).toBe('dropped');
  });
});
