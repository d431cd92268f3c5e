/**
 * Gateway profiles: how the emulated gateway behaves where ModelStream documents nothing (background jobs,
 * their routes and shapes, `GET /v1/models`, what sits in front of it). Each is a small description the
 * routes read; no route asks for a profile by name.
 */
export interface GatewayProfile {
  /** What `background: true` on a chat POST does: start a job, be ignored (answered synchronously), or refused. */
  readonly background: 'job' | 'ignore' | 'refuse';
  /** Where jobs are polled (`GET {base}/{id}`) and cancelled (`POST {base}/{id}/cancel`), and their shape; null: no such routes. */
  readonly jobs: { readonly base: string; readonly shape: 'response' | 'chat-completion' } | null;
  /** Whether `GET /v1/models` exists. */
  readonly models: boolean;
  /** Cut the connection after `idleCutMs` without a byte either way (a CDN's idle timeout). */
  readonly idleCut: boolean;
  /** Write an SSE comment `: keep-alive` whenever a stream has been silent for `keepAliveMs`. */
  readonly keepAliveComments: boolean;
  /** Added to every API answer. */
  readonly headers: Readonly<Record<string, string>>;
}

const RESPONSES_JOBS = { base: '/v1/responses', shape: 'response' } as const;

const responses: GatewayProfile = {
  background: 'job',
  jobs: RESPONSES_JOBS,
  models: true,
  idleCut: false,
  keepAliveComments: false,
  headers: {},
};

export const PROFILES = {
  responses,
  'sync-only': { ...responses, background: 'ignore', jobs: null },
  'chat-job': { ...responses, jobs: { base: '/v1/chat/completions', shape: 'chat-completion' } },
  'no-background': { ...responses, background: 'refuse', jobs: null },
  proxied: {
    ...responses,
    idleCut: true,
    keepAliveComments: true,
    headers: { via: '1.1 emulated-cdn' },
  },
  'no-models': { ...responses, models: false },
} as const satisfies Record<string, GatewayProfile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
export const DEFAULT_PROFILE: ProfileName = 'responses';

/** The profile in force and the timings of its front. */
export interface ProfileSetting {
  profile: ProfileName;
  /** Idle time after which a `proxied` front cuts the connection. Default 100 s. */
  idleCutMs: number;
  /** Silence after which a `proxied` front writes `: keep-alive` into a stream. Default 15 s. */
  keepAliveMs: number;
}

export const DEFAULT_PROFILE_SETTING: ProfileSetting = {
  profile: DEFAULT_PROFILE,
  idleCutMs: 100_000,
  keepAliveMs: 15_000,
};

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && Object.hasOwn(PROFILES, value);
}

/** Checks a profile change given over HTTP or in code; returns what is wrong, in words. */
export function profileProblem(input: unknown): string | undefined {
  if (!input || typeof input !== 'object')
    return 'profile: send { "profile": NAME, "idleCutMs"?, "keepAliveMs"? }';
  for (const [key, value] of Object.entries(input)) {
    if (key === 'profile') {
      if (!isProfileName(value)) {
        return `profile: ${JSON.stringify(value)} is not a profile; use ${PROFILE_NAMES.join(', ')}`;
      }
    } else if (key === 'idleCutMs' || key === 'keepAliveMs') {
      if (!(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
        return `${key}: ${JSON.stringify(value)} is not allowed; use a whole number of milliseconds > 0`;
      }
    } else {
      return `${key}: is not a profile setting; use profile, idleCutMs, keepAliveMs`;
    }
  }
  return undefined;
}
