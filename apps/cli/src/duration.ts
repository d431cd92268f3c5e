import { CliError } from './cli-error.js';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "90", "1.5", "500ms", "30s", "5m", "1h" → milliseconds; a bare number is seconds. */
export function parseDuration(flag: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const ms = match ? Number(match[1]) * (UNITS[(match[2] ?? 's').toLowerCase()] ?? 1_000) : Number.NaN;
  if (!match || !Number.isFinite(ms) || ms <= 0) {
    throw new CliError(
      `${flag}: ${JSON.stringify(text)} is not allowed; use a positive duration in seconds (90, 1.5) or with a unit (500ms, 30s, 5m, 1h)`,
    );
  }
  return Math.round(ms);
}
