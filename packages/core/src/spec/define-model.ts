import type { ModelSpec, ParamSpec } from './param-spec.js';

/** Declares a model's spec, keeping each parameter's name and schema type for `ParamsOf`. */
export function defineModel<const P extends readonly ParamSpec[]>(spec: ModelSpec<P>): ModelSpec<P> {
  const names = new Set<string>();
  for (const param of spec.params) {
    if (names.has(param.name)) throw new Error(`${spec.id}: parameter ${param.name} is defined twice`);
    names.add(param.name);
  }
  if (!spec.delivery.supports.includes(spec.delivery.preferred)) {
    throw new Error(
      `${spec.id}: preferred delivery ${spec.delivery.preferred} is not among those it supports`,
    );
  }
  return spec;
}
