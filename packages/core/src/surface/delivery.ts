import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import type { Delivery, ModelSpec } from '../spec/param-spec.js';
import { listInWords } from '../spec/words.js';

/** What a person asked for: the `background` and `stream` switches as given (unset when not given). */
export interface DeliveryChoice {
  background?: unknown;
  stream?: unknown;
}

const issue = (field: string, value: unknown, allowed: string, message: string): ValidationIssue => ({
  field,
  value,
  allowed,
  message,
});

/**
 * How the answer travels, from what the person chose and what the model and the surface support: an
 * explicit `stream: true` or `background: true/false` wins; otherwise the model's preferred delivery,
 * else the first of `allowed` (in the surface's order) the model supports. Contradictions and unsupported choices are a ValidationError.
 */
export function resolveDelivery(
  model: ModelSpec,
  choice: DeliveryChoice,
  allowed: readonly Delivery[] = model.delivery.supports,
): Delivery {
  const usable = allowed.filter((d) => model.delivery.supports.includes(d));
  const refuse = (field: string, value: unknown, message: string) => {
    throw new ValidationError([issue(field, value, `one of ${listInWords(usable)}`, message)]);
  };
  if (choice.stream === true && choice.background === true) {
    refuse(
      'background',
      true,
      `background: true cannot be combined with stream for ${model.id}; use one or the other`,
    );
  }
  let wanted: Delivery | undefined;
  if (choice.stream === true) wanted = 'stream';
  else if (choice.background === true) wanted = 'background';
  else if (choice.background === false) wanted = 'plain';
  if (wanted !== undefined) {
    if (!usable.includes(wanted)) {
      const field = wanted === 'stream' ? 'stream' : 'background';
      refuse(
        field,
        wanted !== 'plain',
        `${field}: ${wanted === 'plain' ? 'false' : 'true'} is not available here for ${model.id}; ` +
          `it can answer as ${listInWords(usable)}`,
      );
    }
    return wanted as Delivery;
  }
  if (usable.includes(model.delivery.preferred)) return model.delivery.preferred;
  const first = usable[0];
  if (!first) throw new Error(`${model.id}: no delivery is both supported and allowed`);
  return first;
}

/**
 * The params with `background`/`stream` set as the delivery needs: `true` for the one it uses, the other
 * left out, except an explicit `background: false` on a plain call, which is sent as the person asked.
 */
export function withDelivery<T extends Record<string, unknown>>(params: T, delivery: Delivery): T {
  const { background, stream: _stream, ...rest } = params;
  if (delivery === 'background') return { ...rest, background: true } as unknown as T;
  if (delivery === 'stream') return { ...rest, stream: true } as unknown as T;
  return (background === false ? { ...rest, background } : rest) as unknown as T;
}
