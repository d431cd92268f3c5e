import { describe, expect, it } from 'vitest';
import { proxyInUse } from './proxy-in-use.js';

describe('proxyInUse', () => {
  it('takes the variable of the base URL’s scheme, either case', () => {
    const env = { https_proxy: 'http://corp:3128', HTTP_PROXY: 'http://plain:8080' };
    expect(proxyInUse('https://api.modelstream.ai', env)).toEqual({
      proxy: 'http://corp:3128',
      variable: 'https_proxy',
    });
    expect(proxyInUse('http://127.0.0.1:4010', env)).toEqual({
      proxy: 'http://plain:8080',
      variable: 'HTTP_PROXY',
    });
    expect(proxyInUse('http://127.0.0.1:4010', { HTTPS_PROXY: 'http://corp:3128' })).toEqual({
      proxy: undefined,
      why: 'HTTP_PROXY unset',
    });
  });

  it('none when NO_PROXY names the host, a parent domain or *', () => {
    const proxy = { HTTPS_PROXY: 'http://corp:3128' };
    for (const noProxy of ['api.modelstream.ai', '.modelstream.ai', 'modelstream.ai:443', 'localhost, *']) {
      expect(proxyInUse('https://api.modelstream.ai', { ...proxy, NO_PROXY: noProxy })).toEqual({
        proxy: undefined,
        why: 'NO_PROXY covers api.modelstream.ai',
      });
    }
    expect(proxyInUse('https://api.modelstream.ai', { ...proxy, no_proxy: 'example.com' }).proxy).toBe(
      'http://corp:3128',
    );
  });
});
