import { gpt54Pro } from './gpt-5.4-pro.js';
import type { ModelSpec, ParamSpec } from './param-spec.js';

/** Every model this kit knows, by id. A new model is a new spec file added here. */
export const models: Readonly<Record<string, ModelSpec>> = {
  [gpt54Pro.id]: gpt54Pro,
};

export const defaultModelId = gpt54Pro.id;

export function getModelSpec(id: string = defaultModelId): ModelSpec {
  const spec = models[id];
  if (!spec) {
    throw new RangeError(`model: "${id}" is not known; use ${Object.keys(models).join(', ')}`);
  }
  return spec;
}

export function getParamSpec(model: ModelSpec, name: string): ParamSpec | undefined {
  return model.params.find((p) => p.name === name);
}
