import {
  AuthenticationError,
  ConnectionError,
  checkBaseUrl,
  checkCredentials,
  DEFAULT_BASE_URL,
  DEFAULT_JOB_PATHS,
  TimeoutError,
} from '@modelstream-kit/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { baseUrlOf, clientFor, type Resolved, secretsOf } from './client.js';
import { jobPathOf, priceMultiplierOf } from './connection-settings.js';
import { toZapierError } from './errors.js';

export type AuthTestResult = {
  /** Shown in the connection label: the server, never the key. */
  host: string;
  /** How the key was checked: `models` (the model list) or `job-lookup` (a gateway without one). */
  checked_via: string;
  models: string[];
  has_model: boolean;
  /** One line for a person: what was checked and how. */
  note: string;
};

const TEST_TIMEOUT_MS = 15_000;

/**
 * Checks the key for free with the core's `checkCredentials`: the model list, or, where the gateway has
 * none (404), a lookup of a job that does not exist. A wrong key is said plainly; 402/403 name the
 * account's problem. The connection's settings (base URL, job path, price multiplier) are checked first.
 */
export async function testAuth(z: ZObject, bundle: Bundle, options: Resolved): Promise<AuthTestResult> {
  const secrets = secretsOf(bundle);
  let host: string;
  try {
    host = new URL(checkBaseUrl(baseUrlOf(bundle))).host;
    jobPathOf(bundle);
    priceMultiplierOf(bundle);
  } catch (error) {
    throw toZapierError(z, error, secrets, { baseUrl: baseUrlOf(bundle) });
  }
  try {
    const check = await checkCredentials(clientFor(z, bundle, options), { deadlineMs: TEST_TIMEOUT_MS });
    return {
      host,
      checked_via: check.via,
      models: check.models ?? [],
      has_model: check.modelListed ?? false,
      note: check.note,
    };
  } catch (error) {
    if (error instanceof AuthenticationError) {
      // While connecting, a wrong key is a plain failure with the reason, not an expired connection.
      throw new z.errors.Error(
        `${error.message} Copy the key again from the ModelStream dashboard (it starts with "sk-").`,
        'invalid_api_key',
        401,
      );
    }
    if (error instanceof ConnectionError || error instanceof TimeoutError) {
      throw new z.errors.Error(
        `Could not reach ModelStream at ${host}: ${error.message} Check the Base URL, or leave it empty for ${DEFAULT_BASE_URL}.`,
        'connection_failed',
      );
    }
    throw toZapierError(z, error, secrets, { baseUrl: baseUrlOf(bundle) });
  }
}

export async function connectionLabel(_z: ZObject, bundle: Bundle<Partial<AuthTestResult>>): Promise<string> {
  const host = bundle.inputData?.host;
  return host && host !== new URL(DEFAULT_BASE_URL).host ? `ModelStream (${host})` : 'ModelStream';
}

export function authenticationFor(options: Resolved) {
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
        helpText: `Leave empty for ${DEFAULT_BASE_URL}. Only for a ModelStream-compatible gateway; it must be https. The server alone, without a path (a trailing /v1 is dropped).`,
      },
      {
        key: 'job_path',
        label: 'Job Path (advanced)',
        type: 'string' as const,
        required: false,
        placeholder: DEFAULT_JOB_PATHS.poll,
        helpText: `Where the gateway serves a background job, \`{id}\` standing for the job ID. Leave empty for ${DEFAULT_JOB_PATHS.poll} (on a 404 the app also tries /v1/chat/completions/{id}). Cancel uses the same path plus /cancel. \`modelstream doctor --spend\` tells you the right value.`,
      },
      {
        key: 'price_multiplier',
        label: 'Price Multiplier (advanced)',
        type: 'number' as const,
        required: false,
        placeholder: '1',
        helpText:
          'Costs are shown at OpenAI’s list prices for GPT-5.4 pro ($30 / $180 per million input / output tokens; $60 / $270 above 272,000 input tokens). ModelStream bills its quota with its own multiplier: enter it here (e.g. 0.8) and every cost field and Max Cost check uses it.',
      },
    ],
    test: (z: ZObject, bundle: Bundle) => testAuth(z, bundle, options),
    connectionLabel,
  };
}
