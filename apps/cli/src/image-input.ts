import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './cli-error.js';

/** The image formats the model reads, recognised by their first bytes (the file name may lie). */
const SIGNATURES: readonly { mime: string; test: (b: Buffer) => boolean }[] = [
  {
    mime: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', test: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  {
    mime: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export function sniffImageMime(bytes: Buffer): string | undefined {
  return SIGNATURES.find((s) => s.test(bytes))?.mime;
}

const isUrl = (text: string) => /^(https?:\/\/|data:)/i.test(text);

/** A URL as given; a local file read and turned into a data URL with the mime type its bytes show. */
export async function imageToUrl(item: string, cwd = process.cwd()): Promise<string> {
  if (isUrl(item)) return item;
  const path = resolve(cwd, item);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new CliError(
      `image_urls: ${JSON.stringify(item)} is neither an http(s)/data URL nor a readable file; give a URL or the path of a PNG, JPEG, GIF or WebP file`,
    );
  }
  const bytes = await readFile(path);
  const mime = sniffImageMime(bytes);
  if (!mime) {
    throw new CliError(
      `image_urls: ${JSON.stringify(item)} is not a PNG, JPEG, GIF or WebP image (by its content)`,
    );
  }
  return `data:${mime};base64,${bytes.toString('base64')}`;
}
