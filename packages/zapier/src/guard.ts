import type { Bundle, ZObject } from 'zapier-platform-core';
import { baseUrlOf, secretsOf } from './client.js';
import { type ErrorContext, toZapierError } from './errors.js';

/**
 * Runs a step and turns whatever it throws into the Zapier error that fits, without secrets. The step
 * records the job it started or collects in `context`, so every later error names it.
 */
export async function guarded<T>(
  z: ZObject,
  bundle: Bundle,
  step: (context: ErrorContext) => Promise<T>,
  startsJobs = false,
): Promise<T> {
  const context: ErrorContext = { startsJobs, baseUrl: baseUrlOf(bundle) };
  try {
    return await step(context);
  } catch (error) {
    throw toZapierError(z, error, secretsOf(bundle), context);
  }
}
