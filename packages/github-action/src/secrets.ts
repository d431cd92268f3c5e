/** Replaces every given secret (the API key, the GitHub token) in a text: for anything the action writes. */
export type Scrub = (text: string) => string;

export function scrubberFor(secrets: readonly (string | undefined)[]): Scrub {
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  return (text) => list.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
