import { InvalidResponseError } from '../errors/response-errors.js';
import { type CallOptions, readJson, sendWithRetry } from './http-call.js';
import type { ResolvedOptions } from './options.js';

/** One entry of `GET /v1/models` (OpenAI's list shape; extra fields kept). */
export interface ModelInfo {
  id: string;
  [field: string]: unknown;
}

/** The models the key can use, from `GET /v1/models` (a cheap, free call: credential tests use it). */
export async function listModels(opts: ResolvedOptions, options: CallOptions = {}): Promise<ModelInfo[]> {
  const response = await sendWithRetry(
    opts,
    { method: 'GET', path: opts.modelsPath, headersMs: opts.timeouts.headersMs },
    { ...options, deadlineMs: options.deadlineMs ?? opts.timeouts.headersMs },
  );
  const payload = (await readJson(response, opts)) as { data?: unknown };
  if (!Array.isArray(payload?.data)) {
    throw new InvalidResponseError(`GET ${opts.modelsPath} answered without a data list of models.`, {
      requestId: response.requestId,
    });
  }
  return payload.data.filter(
    (m): m is ModelInfo => !!m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string',
  );
}
