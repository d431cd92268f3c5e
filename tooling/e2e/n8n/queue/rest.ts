/** Just enough of n8n's internal REST API for the tests: the owner's session, executions, stop. */
export interface N8nRest {
  get(path: string): Promise<unknown>;
  post(path: string, body?: unknown): Promise<unknown>;
}

const BROWSER_ID = 'modelstream-e2e';

async function call(
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: unknown; cookie: string }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: response.status, body, cookie };
}

/** Sets up the instance's owner (a fresh database has none) and keeps the session cookie. */
export async function ownerSession(baseUrl: string): Promise<N8nRest> {
  const setup = await call(`${baseUrl}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
    body: JSON.stringify({
      email: 'owner@example.com',
      firstName: 'E2e',
      lastName: 'Owner',
      password: 'E2e-owner-password-1',
    }),
  });
  if (setup.status !== 200 || !setup.cookie) {
    throw new Error(`owner setup answered ${setup.status}: ${JSON.stringify(setup.body).slice(0, 500)}`);
  }
  const headers = { cookie: setup.cookie, 'browser-id': BROWSER_ID, 'content-type': 'application/json' };
  const checked = async (method: string, path: string, body?: unknown) => {
    const result = await call(`${baseUrl}/rest${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (result.status >= 400) {
      throw new Error(
        `${method} /rest${path} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`,
      );
    }
    return result.body;
  };
  return { get: (path) => checked('GET', path), post: (path, body) => checked('POST', path, body ?? {}) };
}
