const KEY_PATTERN = /\b(sk|pk|rk)-[A-Za-z0-9_-]{6,}/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"']+/gi;

/**
 * Removes secrets from text that may reach a person: the given secrets wherever they occur, anything
 * shaped like an API key, and bearer tokens.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_PATTERN, '$1-[redacted]').replace(BEARER_PATTERN, '$1[redacted]');
}
