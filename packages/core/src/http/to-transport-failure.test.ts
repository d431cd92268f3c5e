import { describe, expect, it } from 'vitest';
import { toTransportFailure } from './to-transport-failure.js';
import { TransportFailure } from './transport.js';

describe('toTransportFailure', () => {
  it('classifies down the error chain and keeps the innermost message, not the wrapper', () => {
    const system = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const wrapped = Object.assign(new Error('The service refused the connection'), {
      cause: system,
      config: { headers: { Authorization: 'Bearer sk-test-not-a-real-key-0003' } },
    });
    const failure = toTransportFailure(wrapped);
    expect(failure).toBeInstanceOf(TransportFailure);
    expect(failure.kind).toBe('connect');
    expect(failure.message).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(failure.cause).toBeUndefined();
  });

  it('reads an aborted signal as aborted, and passes a TransportFailure through', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toTransportFailure(new Error('socket hang up'), controller.signal).kind).toBe('aborted');
    const own = new TransportFailure('body-timeout', 'idle');
    expect(toTransportFailure(own)).toBe(own);
    expect(toTransportFailure('weird').kind).toBe('dropped');
  });
});
