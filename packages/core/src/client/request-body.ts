import type { ModelSpec } from '../spec/param-spec.js';
import type { ModelParams } from '../spec/validate.js';

/** ModelStream's flattened form: the model id next to the form parameters. */
export function buildRequestBody(model: ModelSpec, params: ModelParams): Record<string, unknown> {
  return { model: model.id, ...params };
}

export function wantsJson(params: Record<string, unknown>): boolean {
  return params.response_format === 'json_object';
}
