import type { Cost } from '@modelstream-kit/core';

/** The behaviours of a gateway the kit knows how to work with (the emulator has a profile for each). */
export const PROFILES = [
  'responses',
  'sync-only',
  'chat-job',
  'no-background',
  'proxied',
  'no-models',
] as const;
export type Profile = (typeof PROFILES)[number];

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface SpendFindings {
  estimate: Cost;
  /** How the gateway took `background: true`: a job to poll, an answer at once, or a refusal. */
  background: 'job' | 'sync' | 'refused' | 'failed';
  jobId?: string;
  /** The poll path that answered (the client finds the gateway's own on a 404). */
  pollPath?: string;
  cancel: 'works' | 'missing' | 'untested';
  stream: { format: 'sse' | 'json' | 'failed'; keepAlive: boolean; done: boolean; usage: boolean };
  spent?: Cost;
}

export interface Findings {
  baseUrl: string;
  proxy: string | undefined;
  headersMs: number | undefined;
  keyAccepted: boolean;
  models: { present: boolean; count?: number; listed?: boolean };
  rateLimitHeaders: string[];
  requestIdHeader: boolean;
  /** Headers a CDN or proxy in front adds (via, cf-ray, x-cache, ...). */
  frontHeaders: string[];
  spend?: SpendFindings;
}

/** Response headers that show a CDN or proxy in front of the gateway. */
export const FRONT_HEADERS = [
  'via',
  'cf-ray',
  'x-cache',
  'x-served-by',
  'x-amz-cf-id',
  'x-akamai-transformed',
];

/** Which profile the gateway matches; undefined without --spend unless the model list already tells. */
export function identifyProfile(findings: Findings): Profile | undefined {
  const spend = findings.spend;
  if (!spend) return undefined;
  if (spend.background === 'refused') return 'no-background';
  if (spend.background === 'sync') return 'sync-only';
  if (spend.pollPath?.startsWith('/v1/chat/completions/')) return 'chat-job';
  if (!findings.models.present) return 'no-models';
  if (spend.stream.keepAlive || findings.frontHeaders.length > 0) return 'proxied';
  return 'responses';
}
