import type { Completion } from '../completion.js';
import { getModelSpec } from '../spec/catalogue.js';
import { validateParams } from '../spec/validate.js';
import type { ResolvedOptions } from './options.js';
import { completePlain, type PlainCallOptions } from './plain-call.js';
import { runWithin } from './run.js';
import { collectStream } from './stream.js';

export type CompleteOptions = PlainCallOptions;

/**
 * One answer. `background: true` starts a job and waits for it; `stream: true` streams and returns the
 * assembled answer; otherwise one POST that waits for the whole answer.
 */
export async function complete(
  opts: ResolvedOptions,
  input: Record<string, unknown>,
  options: CompleteOptions = {},
): Promise<Completion> {
  const params = validateParams(getModelSpec(opts.model), input);
  if (params.stream === true) return collectStream(opts, params, options);
  if (params.background !== true) return completePlain(opts, params, options);
  const result = await runWithin(opts, params, {
    ...options,
    delivery: 'background',
    maxWaitMs: options.maxWaitMs ?? options.deadlineMs ?? opts.timeouts.deadlineMs,
  });
  if (result.status === 'pending') throw new Error('unreachable: a wait without `within` never ends pending');
  return result.completion;
}
