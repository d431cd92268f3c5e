import { ValidationError, type ValidationIssue } from '@modelstream-kit/core';
import type { ZObject } from 'zapier-platform-core';
import { IMAGE_FILES } from './fields.js';
import type { ZapierRequestOptions } from './transport.js';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const ALLOWED = 'a PNG, JPEG, GIF or WebP image of at most 20 MB';
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** The file fields' values: Zapier hands each file over as a URL. */
export function readImageFileUrls(inputData: Record<string, unknown>): string[] {
  const value = inputData[IMAGE_FILES];
  if (value === undefined || value === null || value === '') return [];
  const items = (Array.isArray(value) ? value : [value]).filter((v) => v !== '' && v != null);
  const issues: ValidationIssue[] = [];
  items.forEach((item, i) => {
    if (typeof item !== 'string' || !/^https?:\/\/\S+$/i.test(item.trim())) {
      const field = `${IMAGE_FILES}[${i}]`;
      issues.push({
        field,
        value: item,
        allowed: 'a file from an earlier step (an http(s) file URL)',
        message: `${field}: is not a file; map a file (or a file URL) from an earlier step`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return (items as string[]).map((s) => s.trim());
}

/** The image type from the bytes themselves, for files served as application/octet-stream. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42) {
    return 'image/webp';
  }
  return undefined;
}

function fileIssue(index: number, problem: string): ValidationError {
  const field = `${IMAGE_FILES}[${index}]`;
  return new ValidationError([
    { field, value: undefined, allowed: ALLOWED, message: `${field}: ${problem}; use ${ALLOWED}` },
  ]);
}

/**
 * Downloads each file through z.request (Zapier's hydration and logging; never with the ModelStream key,
 * see middleware) and returns data URLs. Private files work because nothing outside Zapier fetches them.
 */
export async function filesToDataUrls(
  z: ZObject,
  urls: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  return Promise.all(
    urls.map(async (url, index) => {
      const options: ZapierRequestOptions & { raw: true } = {
        url,
        method: 'GET',
        raw: true,
        skipThrowForStatus: true,
        throwForThrottlingEarly: false,
        merge: false,
        timeout: Math.max(1, timeoutMs),
        size: MAX_IMAGE_BYTES + 1,
      };
      let bytes: Buffer;
      let status: number;
      let contentType: string;
      try {
        const response = await z.request(options as ZapierRequestOptions & { url: string; raw: true });
        status = response.status;
        contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (status >= 400) throw fileIssue(index, `could not be downloaded (HTTP ${status})`);
        bytes = await response.buffer();
      } catch (error) {
        if (error instanceof ValidationError) throw error;
        const e = error as { type?: string };
        if (e?.type === 'max-size') throw fileIssue(index, 'is larger than 20 MB');
        throw fileIssue(index, 'could not be downloaded in time');
      }
      if (bytes.length > MAX_IMAGE_BYTES) throw fileIssue(index, 'is larger than 20 MB');
      const declared = contentType === 'image/jpg' ? 'image/jpeg' : contentType;
      const type = IMAGE_TYPES.has(declared) ? declared : sniffImageType(bytes);
      if (!type)
        throw fileIssue(index, `is ${JSON.stringify(contentType || 'of an unknown type')}, not an image`);
      return `data:${type};base64,${bytes.toString('base64')}`;
    }),
  );
}
