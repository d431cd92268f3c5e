/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The first 7 characters of a commit SHA. */
export const shortSha = (sha: string | undefined): string => (sha ? sha.slice(0, 7) : 'unknown');

/** 1_800_000 → "30 min"; 90_000 → "1.5 min"; 3_000 → "3 s". */
export function formatMinutes(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 6_000) / 10} min`;
}
