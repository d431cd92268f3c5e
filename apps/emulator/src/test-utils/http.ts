import { DEFAULT_CONFIG, type EmulatorOptions } from '../options.js';
import type { Emulator } from '../server.js';
import { useEmulator as useTestEmulator } from '../vitest/use-emulator.js';

export const KEY = 'sk-test-not-a-real-key';

/** A fetch Response whose JSON the tests inspect freely. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by assertions, not by types
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** The test kit's emulator for a test file, with the emulator's own default job duration. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  return useTestEmulator({ jobDurationMs: DEFAULT_CONFIG.jobDurationMs, ...options });
}

export function post(
  url: string,
  body: unknown,
  {
    key = KEY,
    headers = {},
    signal,
  }: { key?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<JsonResponse> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

export function get(url: string, key: string | null = KEY): Promise<JsonResponse> {
  return fetch(url, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
}

export function del(url: string): Promise<JsonResponse> {
  return fetch(url, { method: 'DELETE' });
}

/** The `data:` payloads of an SSE body, in order ([DONE] kept as the string). */
export function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

export function chat(prompt: string, extra: Record<string, unknown> = {}) {
  return { model: 'gpt-5.4-pro', prompt, ...extra };
}
