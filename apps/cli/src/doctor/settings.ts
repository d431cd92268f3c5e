import { DEFAULT_BASE_URL, DEFAULT_JOB_PATHS } from '@modelstream-kit/core';
import type { Findings, Profile } from './findings.js';

/** The exact settings for this gateway, per surface, by the name each surface uses. */
export interface Settings {
  environment: Record<string, string>;
  cli: Record<string, string>;
  action: Record<string, string>;
  n8n: Record<string, string>;
  zapier: Record<string, string>;
  notes: string[];
}

export function settingsFor(findings: Findings, profile: Profile | undefined): Settings {
  const settings: Settings = { environment: {}, cli: {}, action: {}, n8n: {}, zapier: {}, notes: [] };
  if (findings.baseUrl !== DEFAULT_BASE_URL) {
    settings.environment.MODELSTREAM_BASE_URL = findings.baseUrl;
    settings.action['base-url'] = findings.baseUrl;
    settings.n8n['Base URL (credential)'] = findings.baseUrl;
    settings.zapier['Base URL (connection)'] = findings.baseUrl;
  }
  const poll = findings.spend?.pollPath;
  if (poll && poll !== DEFAULT_JOB_PATHS.poll) {
    settings.environment.MODELSTREAM_JOB_PATH = poll;
    settings.environment.MODELSTREAM_CANCEL_PATH = `${poll}/cancel`;
    settings.cli['--job-path'] = poll;
    settings.action['job-path'] = poll;
    settings.n8n['Job Path (credential)'] = poll;
    settings.zapier['Job Path (connection)'] = poll;
    settings.notes.push(
      `Jobs are polled at ${poll}: every surface finds it by itself after one 404; the settings above skip that check.`,
    );
  }
  if (profile === 'no-background') {
    settings.cli['--no-background'] = 'on every ask';
    settings.action.background = 'false';
    settings.n8n['Options → Background'] = 'off';
    settings.notes.push(
      'This gateway refuses background jobs: ask directly. Long answers then need a connection that stays open (Zapier steps are limited to 30 s).',
    );
  }
  if (profile === 'sync-only') {
    settings.notes.push(
      'This gateway answers background requests in the foreground: the kit takes the answer as it comes. Nothing to set; long answers hold the connection open.',
    );
  }
  if (findings.spend?.cancel === 'missing') {
    settings.notes.push(
      'Cancel is not offered: a stopped run cannot stop its job upstream (it runs to its end and is billed).',
    );
  }
  if (!findings.models.present) {
    settings.notes.push(
      'GET /v1/models answers 404: credential tests check the key with a lookup of a job that does not exist instead.',
    );
  }
  if (profile === 'proxied') {
    settings.notes.push(
      'A proxy or CDN sits in front (keep-alive comments in the stream): prefer background jobs, which survive its idle cut-off.',
    );
  }
  return settings;
}
