import type { Check, Findings, Profile } from './findings.js';
import type { Settings } from './settings.js';

export interface DoctorReport {
  checks: Check[];
  findings: Findings;
  /** The emulator profile the gateway behaves like (undefined without --spend). */
  profile: Profile | undefined;
  settings: Settings;
}

const MARK = { ok: '✓', warn: '!', fail: '✗', skip: '–' } as const;

function section(title: string, entries: Record<string, string>): string[] {
  const rows = Object.entries(entries);
  if (rows.length === 0) return [];
  return [`  ${title}:`, ...rows.map(([name, value]) => `    ${name}=${value}`)];
}

/** The report as a person reads it: one line per check, the profile, then what to set where. */
export function renderReport(report: DoctorReport): string {
  const lines = report.checks.map((c) => `${MARK[c.status]} ${c.name}: ${c.detail}`);
  lines.push('');
  lines.push(
    report.profile
      ? `profile: ${report.profile} (the emulator's --profile ${report.profile} behaves like this gateway)`
      : 'profile: not identified without --spend',
  );
  const { settings } = report;
  const set = [
    ...section('environment (CLI, scripts)', settings.environment),
    ...section('CLI flags', settings.cli),
    ...section('GitHub Action inputs', settings.action),
    ...section('n8n', settings.n8n),
    ...section('Zapier', settings.zapier),
  ];
  lines.push(set.length > 0 ? 'settings:' : 'settings: the defaults fit this gateway');
  lines.push(...set);
  for (const note of settings.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** Whether the report means the gateway can be used (no failed check). */
export const reportOk = (report: DoctorReport) => report.checks.every((c) => c.status !== 'fail');
