import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { chat, get, KEY, post, sseData, useEmulator } from './test-utils/http.js';

// The idle timings are scaled down; each test compares two timers of the same process (cut vs answer),
// never a timer against the machine's speed.
const emulator = useEmulator({ profile: 'proxied', idleCutMs: 200, keepAliveMs: 50, jobDurationMs: 0 });
const completions = () => `${emulator().url}/v1/chat/completions`;

/** A raw POST that reports every byte as it came and how the connection ended. */
function rawPost(body: unknown): Promise<{ status?: number; text: string; ended: 'end' | 'cut' }> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    let status: number | undefined;
    let text = '';
    const req = request(completions(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
    });
    req.on('response', (res) => {
      status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status, text, ended: 'end' }));
      res.on('error', () => resolve({ status, text, ended: 'cut' }));
      res.on('aborted', () => resolve({ status, text, ended: 'cut' }));
    });
    req.on('error', () => resolve({ status, text, ended: 'cut' }));
    req.end(payload);
  });
}

describe('profile proxied', () => {
  it('answers like responses, with x-request-id and the front’s via header', async () => {
    const res = await post(completions(), chat('x', { background: true }));
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(res.headers.get('via')).toBe('1.1 emulated-cdn');
    const job = await res.json();
    expect(job.object).toBe('response');
    expect((await get(`${emulator().url}/v1/responses/${job.id}`)).status).toBe(200);
  });

  it('cuts a connection that stays silent longer than idleCutMs before the headers', async () => {
    const cut = await rawPost(chat('slow [emulator:delay-ms=1000]'));
    expect(cut).toMatchObject({ ended: 'cut', text: '' });
    expect(cut.status).toBeUndefined();
    expect(emulator().requests()[0]!.status).toBeUndefined();
    expect((await rawPost(chat('quick'))).status).toBe(200);
  });

  it('keeps a slow stream alive with : keep-alive comments, which the data lines do not include', async () => {
    emulator().configure({ streamDelayMs: 120 });
    const res = await rawPost(chat('paced', { stream: true, verbosity: 'low' }));
    expect(res.ended).toBe('end');
    expect(res.text).toContain(': keep-alive\n\n');
    expect(sseData(res.text).at(-1)).toBe('[DONE]');
    const chunks = sseData(res.text).length;
    expect(res.text.split(': keep-alive\n\n').length - 1).toBeGreaterThanOrEqual(chunks - 1);
  });

  it('cuts a stream whose pauses outlast idleCutMs when keep-alive comments come too rarely', async () => {
    emulator().setProfile({ keepAliveMs: 10_000 });
    emulator().configure({ streamDelayMs: 600 });
    const res = await rawPost(chat('paced', { stream: true }));
    expect(res.status).toBe(200);
    expect(res.ended).toBe('cut');
    expect(res.text).not.toContain('[DONE]');
    expect(res.text).not.toContain('keep-alive');
  });

  it('leaves other profiles without idle cut or keep-alive comments', async () => {
    emulator().setProfile('responses');
    emulator().configure({ streamDelayMs: 120 });
    const res = await rawPost(chat('paced [emulator:delay-ms=300]', { stream: true, verbosity: 'low' }));
    expect(res.ended).toBe('end');
    expect(res.text).not.toContain('keep-alive');
    expect(sseData(res.text).at(-1)).toBe('[DONE]');
  });
});
