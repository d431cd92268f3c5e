import { describe, expect, it } from 'vitest';
import { headersFrom } from './headers-from.js';

describe('headersFrom', () => {
  it('reads fetch Headers, axios-style objects and plain objects with arrays', () => {
    expect(headersFrom(new Headers({ 'X-Request-Id': 'req_1', 'Retry-After': '2' }))).toEqual({
      'x-request-id': 'req_1',
      'retry-after': '2',
    });
    expect(headersFrom({ toJSON: () => ({ 'Content-Type': 'text/event-stream' }) })).toEqual({
      'content-type': 'text/event-stream',
    });
    expect(headersFrom({ 'Set-Cookie': ['a=1', 'b=2'], Empty: undefined, Count: 3 })).toEqual({
      'set-cookie': 'a=1, b=2',
      count: '3',
    });
    expect(headersFrom(undefined)).toEqual({});
  });
});
