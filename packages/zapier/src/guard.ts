import type { Bundle, ZObject } from 'zapier-platform-core';
import { secretsOf } from './client.js';
import { toZapierError } from './errors.js';

/** Runs a step and turns whatever it throws into the Zapier error that fits, without secrets. */
export async function guarded<T>(z: ZObject, bundle: Bundle, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toZapierError(z, error, secretsOf(bundle));
  }
}
