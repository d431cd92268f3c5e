import { setTimeout as sleep } from 'node:timers/promises';
import { FaultQueue } from './faults.js';
import { JobStore } from './jobs.js';
import { configProblem, DEFAULT_CONFIG, type EmulatorConfig, type EmulatorOptions } from './options.js';
import {
  DEFAULT_PROFILE_SETTING,
  type GatewayProfile,
  PROFILES,
  type ProfileName,
  type ProfileSetting,
  profileProblem,
} from './profiles.js';
import { RequestLog } from './request-log.js';

const MB = 1024 * 1024;

/** Everything one running emulator knows; the routes read and change it, nothing else holds state. */
export class EmulatorState {
  readonly faults = new FaultQueue();
  readonly requestLog = new RequestLog();
  readonly jobs = new JobStore();
  /** Aborted on close: every pause and stream ends. */
  readonly closing = new AbortController();
  readonly maxBodyBytes: number;
  readonly deltaBytes: number;
  readonly quiet: boolean;
  readonly log: (line: string) => void;
  readonly #initialConfig: EmulatorConfig;
  readonly #initialProfile: ProfileSetting;
  #config: EmulatorConfig;
  #profile: ProfileSetting;

  constructor(options: EmulatorOptions) {
    this.#initialConfig = {
      latencyMs: options.latencyMs ?? DEFAULT_CONFIG.latencyMs,
      streamDelayMs: options.streamDelayMs ?? DEFAULT_CONFIG.streamDelayMs,
      jobDurationMs: options.jobDurationMs ?? DEFAULT_CONFIG.jobDurationMs,
    };
    const problem = configProblem(this.#initialConfig);
    if (problem) throw new TypeError(problem);
    const profile = {
      profile: options.profile ?? DEFAULT_PROFILE_SETTING.profile,
      idleCutMs: options.idleCutMs ?? DEFAULT_PROFILE_SETTING.idleCutMs,
      keepAliveMs: options.keepAliveMs ?? DEFAULT_PROFILE_SETTING.keepAliveMs,
    };
    const profileIssue = profileProblem(profile);
    if (profileIssue) throw new TypeError(profileIssue);
    this.#initialProfile = profile;
    this.#config = { ...this.#initialConfig };
    this.#profile = { ...profile };
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * MB;
    this.deltaBytes = options.deltaBytes ?? 48;
    this.quiet = options.quiet ?? true;
    this.log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  }

  get config(): EmulatorConfig {
    return { ...this.#config };
  }

  configure(change: Partial<EmulatorConfig>): EmulatorConfig {
    const problem = configProblem(change);
    if (problem) throw new TypeError(problem);
    this.#config = { ...this.#config, ...change };
    return this.config;
  }

  /** The profile's name and front timings. */
  get profileSetting(): ProfileSetting {
    return { ...this.#profile };
  }

  /** What the profile in force does. */
  get profile(): GatewayProfile {
    return PROFILES[this.#profile.profile];
  }

  setProfile(change: ProfileName | Partial<ProfileSetting>): ProfileSetting {
    const next = typeof change === 'string' ? { profile: change } : change;
    const problem = profileProblem(next);
    if (problem) throw new TypeError(problem);
    this.#profile = { ...this.#profile, ...next };
    return this.profileSetting;
  }

  /** Forgets requests, faults and jobs and restores the settings and profile it started with. */
  reset(): void {
    this.faults.clear();
    this.requestLog.clear();
    this.jobs.clear();
    this.#config = { ...this.#initialConfig };
    this.#profile = { ...this.#initialProfile };
  }

  /** Pauses, ending early (without an error) when the emulator closes. */
  wait(ms: number): Promise<void> {
    return ms > 0
      ? sleep(ms, undefined, { signal: this.closing.signal }).catch(() => undefined)
      : Promise.resolve();
  }
}
