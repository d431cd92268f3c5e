import type { CallOptions } from './http-call.js';
import { DEFAULT_JOB_PATHS, type ResolvedOptions } from './options.js';

/**
 * Where OpenAI-compatible gateways serve a background job, in the order tried: OpenAI's Responses API
 * (the default), then the chat-completion path some gateways use. Not documented by ModelStream.
 */
export const JOB_PATH_CANDIDATES: readonly { poll: string; cancel: string }[] = [
  DEFAULT_JOB_PATHS,
  { poll: '/v1/chat/completions/{id}', cancel: '/v1/chat/completions/{id}/cancel' },
];

export const pathFor = (template: string, id: string) => template.replace('{id}', encodeURIComponent(id));

/** A 404 that names the job (it is unknown or expired), rather than a route the gateway does not have. */
export function saysJobNotFound(error: { code?: string | undefined; param?: string | undefined }): boolean {
  return error.code === 'not_found' || /(^|_)id$/.test(error.param ?? '');
}

/** Tells whoever listens (CLI progress, logs) that the client adapted to the gateway. */
export function notice(opts: ResolvedOptions, options: CallOptions, message: string): void {
  options.onNotice?.(message);
  opts.logger?.warn(`modelstream: ${message}`);
}
