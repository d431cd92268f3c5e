import { TransportFailure, toTransportFailure } from '@modelstream-kit/core';
import { NodeApiError, sleep } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { n8nClock } from '../nodes/ModelStream/n8n-clock';

const node = {
  id: '1',
  name: 'ModelStream',
  type: 't',
  typeVersion: 1,
  position: [0, 0] as [number, number],
  parameters: {},
};

/** What n8n throws: NodeApiError around axios's error around the system error. */
function wrapped(code: string, message: string): NodeApiError {
  const system = Object.assign(new Error(message), { code });
  const axiosError = Object.assign(new Error(message), { code, name: 'AxiosError', cause: system });
  return new NodeApiError(node, axiosError as never);
}

describe('transport failures, as n8n reports them', () => {
  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', 'connect'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND api.example', 'connect'],
    ['ECONNRESET', 'socket hang up', 'dropped'],
    ['ECONNABORTED', 'timeout of 1000ms exceeded', 'headers-timeout'],
    ['ETIMEDOUT', 'connect ETIMEDOUT', 'headers-timeout'],
    ['ERR_CANCELED', 'canceled', 'aborted'],
  ])('%s → %s', (code, message, kind) => {
    const failure = toTransportFailure(wrapped(code, message));
    expect(failure).toBeInstanceOf(TransportFailure);
    expect(failure.kind).toBe(kind);
    expect(failure.message).toBe(message);
  });

  it('calls an unknown failure "dropped", so a POST is never sent twice', () => {
    expect(toTransportFailure(new Error('something odd')).kind).toBe('dropped');
    expect(toTransportFailure('not even an error').kind).toBe('dropped');
  });
});

describe("the clock, on n8n-workflow's sleep", () => {
  it('sleeps, and stops at once when the signal aborts', async () => {
    const started = Date.now();
    await n8nClock.sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const sleeping = n8nClock.sleep(60_000, controller.signal);
    await sleep(10);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(n8nClock.sleep(10, controller.signal)).rejects.toThrow('stop');
  });
});
