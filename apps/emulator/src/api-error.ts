/** ModelStream's (OpenAI's) error object. */
export interface ApiError {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export interface ErrorAnswer {
  status: number;
  error: ApiError;
  headers?: Record<string, string>;
}

export function apiError(
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): ErrorAnswer {
  return { status, error: { message, type, param, code } };
}

/** The error object a real server sends for a status, used for injected faults without their own text. */
export function errorForStatus(status: number, code?: string, message?: string): ErrorAnswer {
  const make = (type: string, defaultCode: string, text: string) =>
    apiError(status, message ?? text, type, code ?? defaultCode);
  switch (status) {
    case 400:
      return make('invalid_request_error', 'invalid_request', 'The request was not valid (emulated fault).');
    case 401:
      return make(
        'invalid_request_error',
        'invalid_api_key',
        'Incorrect API key provided. Check the key on your ModelStream dashboard.',
      );
    case 402:
      return make(
        'insufficient_quota',
        'insufficient_quota',
        'You exceeded your current quota: recharge the account or use another key.',
      );
    case 403:
      return make(
        'permission_error',
        'permission_denied',
        'This key may not use this model, the account is frozen, or this IP is not on the allow-list.',
      );
    case 404:
      return make('invalid_request_error', 'not_found', 'Not found.');
    case 408:
      return make('server_error', 'timeout', 'The upstream request timed out (emulated fault).');
    case 409:
      return make('invalid_request_error', 'conflict', 'Conflict (emulated fault).');
    case 429:
      return make(
        'rate_limit_error',
        'rate_limit_exceeded',
        'Rate limit reached for gpt-5.4-pro on this key. Please try again later.',
      );
    case 500:
      return make('server_error', 'upstream_error', 'The upstream channel failed; please retry later.');
    case 502:
      return make('server_error', 'bad_gateway', 'Bad gateway: the upstream channel did not answer.');
    case 503:
      return make(
        'server_error',
        'service_unavailable',
        'The upstream channel is overloaded or unavailable; please retry later.',
      );
    case 504:
      return make('server_error', 'gateway_timeout', 'The upstream channel timed out; please retry later.');
    default:
      return make(
        status >= 500 ? 'server_error' : 'invalid_request_error',
        `http_${status}`,
        `Emulated HTTP ${status}.`,
      );
  }
}
