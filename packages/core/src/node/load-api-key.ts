import { readFile } from 'node:fs/promises';
import { ValidationError } from '../errors/validation-error.js';
import { checkApiKey } from '../surface/api-key.js';

export interface LoadApiKeyOptions {
  /** A file holding the key and nothing else (a mounted secret, `--api-key-file`). */
  file?: string | undefined;
  /** The key given directly (an action input); wins over the environment. */
  value?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** How the person knows the setting, for the messages: `--api-key-file`, `input api-key`. */
  setting?: string;
  /** Throw the one "no key" message when there is none. Default true. */
  required?: boolean;
}

/**
 * The API key from a file, a value or MODELSTREAM_API_KEY, checked (no line breaks, nothing but the
 * key). Messages name the setting and never repeat the key.
 */
export async function loadApiKey(options: LoadApiKeyOptions = {}): Promise<string | undefined> {
  const env = options.env ?? process.env;
  if (options.file !== undefined) {
    const setting = options.setting ?? 'apiKeyFile';
    let text: string;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      const allowed = 'a readable file holding one key';
      throw new ValidationError([
        {
          field: setting,
          value: options.file,
          allowed,
          message: `${setting}: cannot read ${JSON.stringify(options.file)} (${code}); use ${allowed}`,
        },
      ]);
    }
    return checkApiKey(text, setting);
  }
  const direct = options.value?.trim() ? options.value : undefined;
  const setting = options.setting ?? (direct === undefined ? 'MODELSTREAM_API_KEY' : 'apiKey');
  const value = direct ?? env.MODELSTREAM_API_KEY;
  if ((value === undefined || value.trim() === '') && options.required === false) return undefined;
  return checkApiKey(value, setting);
}
