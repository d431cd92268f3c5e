import { errorFromResponse, parseRetryAfter } from '@modelstream-kit/core';
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { baseUrlOf, secretsOf } from './client.js';
import { toZapierError } from './errors.js';

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Whether a request goes to the connection's ModelStream server (and nowhere else, e.g. an image host). */
export function isModelStreamUrl(url: string | undefined, bundle: Pick<Bundle, 'authData'>): boolean {
  const origin = originOf(url);
  return origin !== undefined && origin === originOf(baseUrlOf(bundle));
}

/**
 * Adds `Authorization: Bearer <key>` to requests for the connection's ModelStream server only: image files
 * downloaded through z.request go to other hosts, which must never see the key.
 */
export function addBearerToken<R extends HttpRequestOptions & { url: string }>(
  request: R,
  _z: ZObject,
  bundle: Bundle,
): R {
  const key = bundle.authData?.api_key;
  if (key && isModelStreamUrl(request.url, bundle)) {
    request.headers = { ...request.headers, Authorization: `Bearer ${key}` };
  }
  return request;
}

/**
 * Explains ModelStream's error statuses for requests that let Zapier throw on them. Requests that set
 * `skipThrowForStatus` (all of the core's, which retry and map statuses themselves) pass through untouched.
 */
export function explainModelStreamErrors(response: HttpResponse, z: ZObject, bundle: Bundle): HttpResponse {
  if (response.skipThrowForStatus || response.status < 400) return response;
  if (!isModelStreamUrl(response.request?.url, bundle)) return response;
  let body: unknown;
  if (!response.request?.raw) {
    try {
      body = JSON.parse(response.content);
    } catch {
      body = undefined;
    }
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value: string, name: string) => {
    headers[name.toLowerCase()] = value;
  });
  const error = errorFromResponse({
    status: response.status,
    body,
    requestId: headers['x-request-id'],
    retryAfterMs: parseRetryAfter(headers, Date.now()),
    secrets: secretsOf(bundle),
  });
  throw toZapierError(z, error, secretsOf(bundle));
}
