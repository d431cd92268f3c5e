import {
  AuthenticationError,
  checkBaseUrl,
  DEFAULT_BASE_URL,
  errorFromResponse,
  parseRetryAfter,
  redactSecrets,
} from '@modelstream-kit/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { baseUrlOf, secretsOf } from './client.js';
import { toZapierError } from './errors.js';
import { failureKind, type ZapierRequestOptions } from './transport.js';

export type AuthTestResult = {
  /** Shown in the connection label: the server, never the key. */
  host: string;
  models: string[];
  has_model: boolean;
};

const TEST_TIMEOUT_MS = 15_000;

/**
 * Lists the models with the key: 200 is a good key, 401 a wrong one (said plainly), 402/403 the account's
 * problem with what to do. The base URL is checked first (https, or http to loopback only).
 */
export async function testAuth(z: ZObject, bundle: Bundle, modelId: string): Promise<AuthTestResult> {
  const secrets = secretsOf(bundle);
  let baseUrl: string;
  try {
    baseUrl = checkBaseUrl(baseUrlOf(bundle));
  } catch (error) {
    throw toZapierError(z, error, secrets);
  }
  const host = new URL(baseUrl).host;
  const options: ZapierRequestOptions & { url: string } = {
    url: `${baseUrl}/v1/models`,
    method: 'GET',
    skipThrowForStatus: true,
    throwForThrottlingEarly: false,
    merge: false,
    timeout: TEST_TIMEOUT_MS,
  };
  let response: Awaited<ReturnType<ZObject['request']>>;
  try {
    response = await z.request(options);
  } catch (error) {
    const kind = failureKind(error, new AbortController().signal);
    const detail = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
    throw new z.errors.Error(
      `Could not reach ModelStream at ${host} (${kind}): ${detail}. Check the Base URL, or leave it empty for ${DEFAULT_BASE_URL}.`,
      'connection_failed',
    );
  }
  if (response.status >= 400) {
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    let body: unknown;
    try {
      body = JSON.parse(response.content);
    } catch {
      body = undefined;
    }
    const error = errorFromResponse({
      status: response.status,
      body,
      requestId: headers['x-request-id'],
      retryAfterMs: parseRetryAfter(headers, Date.now()),
      secrets,
    });
    if (error instanceof AuthenticationError) {
      // While connecting, a wrong key is a plain failure with the reason, not an expired connection.
      throw new z.errors.Error(
        `${redactSecrets(error.message, secrets)} Copy the key again from the ModelStream dashboard (it starts with "sk-").`,
        'invalid_api_key',
        401,
      );
    }
    throw toZapierError(z, error, secrets);
  }
  const data = (response.data as { data?: unknown })?.data;
  const models = Array.isArray(data)
    ? data.map((m) => (m as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string')
    : [];
  return { host, models, has_model: models.includes(modelId) };
}

export async function connectionLabel(_z: ZObject, bundle: Bundle<Partial<AuthTestResult>>): Promise<string> {
  const host = bundle.inputData?.host;
  return host && host !== new URL(DEFAULT_BASE_URL).host ? `ModelStream (${host})` : 'ModelStream';
}

export function authenticationFor(modelId: string) {
  return {
    type: 'custom' as const,
    fields: [
      {
        key: 'api_key',
        label: 'API Key',
        type: 'password' as const,
        required: true,
        helpText:
          'Your ModelStream API key (starts with `sk-`), from the ModelStream dashboard. A separate key for Zapier is recommended: it can carry its own quota cap and expiry.',
      },
      {
        key: 'base_url',
        label: 'Base URL (advanced)',
        type: 'string' as const,
        required: false,
        placeholder: DEFAULT_BASE_URL,
        helpText: `Leave empty for ${DEFAULT_BASE_URL}. Only for a ModelStream-compatible gateway; it must be https.`,
      },
    ],
    test: (z: ZObject, bundle: Bundle) => testAuth(z, bundle, modelId),
    connectionLabel,
  };
}
