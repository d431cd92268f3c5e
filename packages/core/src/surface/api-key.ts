import { ValidationError } from '../errors/validation-error.js';

/** The one message for a missing key, whatever the surface calls its key setting. */
export function missingKeyMessage(setting: string): string {
  const how = /^[A-Z_]+$/.test(setting) ? `set ${setting} to` : 'give';
  return (
    `${setting}: is required; ${how} the API key from your ModelStream dashboard (API keys → Create key)` +
    ', or point the base URL at a local emulator'
  );
}

// A header value must be Latin-1 without control characters; a key never has spaces inside.
const BAD_KEY_CHAR = /[^\x21-\x7e\xa1-\xff]/;

/**
 * The key, trimmed and checked before anything is sent: missing, or holding a newline, a CR, a space or a
 * character outside Latin-1 (a paste gone wrong) is bad input naming `setting`, never repeating the key.
 * Its prefix is not checked: ModelStream's own docs show both `sk-` and `ms-` keys.
 */
export function checkApiKey(value: unknown, setting: string): string {
  const key = typeof value === 'string' ? value.trim() : '';
  if (key === '') {
    throw new ValidationError([
      {
        field: setting,
        value: undefined,
        allowed: 'the API key from the ModelStream dashboard',
        message: missingKeyMessage(setting),
      },
    ]);
  }
  const bad = BAD_KEY_CHAR.exec(key);
  if (bad) {
    const what =
      bad[0] === '\n'
        ? 'a line break'
        : bad[0] === '\r'
          ? 'a carriage return'
          : /\s/.test(bad[0])
            ? 'a space'
            : `the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new ValidationError([
      {
        field: setting,
        value: '[the key, not shown]',
        allowed: 'one key of printable Latin-1 characters, nothing else',
        message: `${setting}: the key holds ${what} at position ${bad.index + 1}, which no API key has; paste the key from the ModelStream dashboard again`,
      },
    ]);
  }
  return key;
}
