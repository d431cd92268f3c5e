/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The first 7 characters of a commit SHA. */
export const shortSha = (sha: string | undefined): string => (sha ? sha.slice(0, 7) : 'unknown');
