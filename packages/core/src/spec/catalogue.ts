import { gpt54Pro } from './gpt-5.4-pro.js';
import type { ModelSpec, ParamRole, ParamSpec } from './param-spec.js';

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

/** The model's parameter with this role (the prompt, the instructions, the images), if it has one. */
export function paramWithRole(model: ModelSpec, role: ParamRole): ParamSpec | undefined {
  return model.params.find((p) => p.role === role);
}

/** The parameters a person sets on a surface: all but the ones that choose how the answer travels. */
export function userParams(model: ModelSpec): ParamSpec[] {
  return model.params.filter((p) => p.role !== 'delivery');
}
