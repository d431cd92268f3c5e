import type { ModelStreamClient } from '../client/create-client.js';
import type { CallOptions } from '../client/http-call.js';
import { saysJobNotFound } from '../client/job-paths.js';
import { BadRequestError } from '../errors/http-errors.js';

export interface CredentialCheck {
  /** How the key was checked: the model list, or (where there is none) a lookup of a job that does not exist. */
  via: 'models' | 'job-lookup';
  /** The model ids the key can use, when the gateway lists them. */
  models?: string[];
  /** Whether the client's model is among them (undefined when there is no list). */
  modelListed?: boolean;
  /** One line for a person: what was checked and how. */
  note: string;
}

/** A job id no gateway has: asking for it costs nothing and shows whether the key is accepted. */
const PROBE_JOB_ID = 'resp_modelstream_kit_key_check';

/**
 * Checks a key for free: `GET /v1/models`, or, when the gateway has no model list (404), a lookup of a
 * job that does not exist, where a 404 means the key got past authentication. A refused key throws the
 * typed error (401 AuthenticationError, 403 PermissionDeniedError, 402 QuotaExceededError).
 */
export async function checkCredentials(
  client: ModelStreamClient,
  options: CallOptions = {},
): Promise<CredentialCheck> {
  try {
    const models = (await client.listModels(options)).map((m) => m.id);
    const modelListed = models.includes(client.model);
    return {
      via: 'models',
      models,
      modelListed,
      note: modelListed
        ? `The key is accepted and ${client.model} is among its ${models.length} models.`
        : `The key is accepted, but ${client.model} is not among its ${models.length} listed models (the account may not have access).`,
    };
  } catch (error) {
    if (!(error instanceof BadRequestError && error.status === 404)) throw error;
  }
  try {
    await client.retrieve(PROBE_JOB_ID, options);
  } catch (error) {
    // Only a 404 that names the job proves the key got through: a 404 for the route itself (a base URL
    // with a wrong path, a gateway with no job routes) proves nothing, and is said as it is.
    if (!(error instanceof BadRequestError && error.status === 404 && saysJobNotFound(error))) throw error;
  }
  return {
    via: 'job-lookup',
    note:
      'The key is accepted: this gateway has no model list (GET /v1/models answered 404), so it was checked ' +
      'with a lookup of a job that does not exist, which a refused key would have failed with 401 or 403.',
  };
}
