import { type ErrorAnswer, errorForStatus } from './api-error.js';

/** Test keys that always fail the same way, so clients can prove how they handle each refusal. */
export const RESERVED_KEYS: Readonly<Record<string, number>> = {
  'sk-emulator-401': 401,
  'sk-emulator-402': 402,
  'sk-emulator-403': 403,
};

export interface AuthResult {
  hasKey: boolean;
  refusal?: ErrorAnswer;
}

/** Checks `Authorization: Bearer sk-...`. The key itself is neither kept nor returned. */
export function checkAuth(header: string | undefined): AuthResult {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const key = match?.[1];
  if (!key) {
    return {
      hasKey: false,
      refusal: errorForStatus(
        401,
        'missing_api_key',
        'No API key provided: send it as "Authorization: Bearer sk-...".',
      ),
    };
  }
  const reserved = RESERVED_KEYS[key];
  if (reserved) return { hasKey: true, refusal: errorForStatus(reserved) };
  if (!key.startsWith('sk-')) {
    return {
      hasKey: true,
      refusal: errorForStatus(
        401,
        'invalid_api_key',
        'Incorrect API key provided: ModelStream keys start with "sk-".',
      ),
    };
  }
  return { hasKey: true };
}
