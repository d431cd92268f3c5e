import type { ProfileName } from './profiles.js';

/** What a running emulator can be changed to, between requests. */
export interface EmulatorConfig {
  /** Added before every API answer (not the control surface). Default 0. */
  latencyMs: number;
  /** Pause between SSE chunks. Default 0. */
  streamDelayMs: number;
  /** How long a background job takes from queued to its end. Default 1500. */
  jobDurationMs: number;
}

export interface EmulatorOptions extends Partial<EmulatorConfig> {
  /** 0 picks a free port (tests). Default 4010. */
  port?: number;
  /** Default 127.0.0.1: the emulator is for this machine only. */
  host?: string;
  /** No line per request. Default true in-process; the command logs unless `--quiet`. */
  quiet?: boolean;
  /** Where request lines go when not quiet. Default: stderr. */
  log?: (line: string) => void;
  /** Largest request body accepted (413 above). Default 64 MiB. */
  maxBodyBytes?: number;
  /** Size of streamed deltas, unless a prompt says `[emulator:delta-bytes=N]`. Default 48. */
  deltaBytes?: number;
  /** How the gateway behaves where ModelStream documents nothing (see profiles.ts). Default `responses`. */
  profile?: ProfileName;
  /** `proxied`: the connection is cut after this long without a byte. Default 100 000 (100 s). */
  idleCutMs?: number;
  /** `proxied`: a silent stream gets a `: keep-alive` comment this often. Default 15 000. */
  keepAliveMs?: number;
}

export const DEFAULT_PORT = 4010;

export const DEFAULT_CONFIG: EmulatorConfig = {
  latencyMs: 0,
  streamDelayMs: 0,
  jobDurationMs: 1500,
};

/** Checks config values given over HTTP or in code; returns what is wrong, in words. */
export function configProblem(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return 'config: must be an object';
  for (const [key, value] of Object.entries(input)) {
    if (!(key in DEFAULT_CONFIG)) {
      return `${key}: is not a setting; use ${Object.keys(DEFAULT_CONFIG).join(', ')}`;
    }
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      return `${key}: ${JSON.stringify(value)} is not allowed; use a number of milliseconds >= 0`;
    }
  }
  return undefined;
}
