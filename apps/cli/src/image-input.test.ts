import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { imageToUrl, sniffImageMime } from './image-input.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelstream-cli-image-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('images', () => {
  it('recognises PNG, JPEG, GIF and WebP by their bytes', () => {
    expect(sniffImageMime(PNG)).toBe('image/png');
    expect(sniffImageMime(JPEG)).toBe('image/jpeg');
    expect(sniffImageMime(GIF)).toBe('image/gif');
    expect(sniffImageMime(WEBP)).toBe('image/webp');
    expect(sniffImageMime(Buffer.from('%PDF-1.7'))).toBeUndefined();
  });

  it('passes URLs through untouched', async () => {
    expect(await imageToUrl('https://example.test/a.png')).toBe('https://example.test/a.png');
    expect(await imageToUrl('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
  });

  it('turns a file into a data URL with the mime type of its content, whatever its name', async () => {
    await writeFile(join(dir, 'photo.png'), JPEG);
    expect(await imageToUrl('photo.png', dir)).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
  });

  it('refuses a missing file and a file that is not an image, naming it', async () => {
    await expect(imageToUrl('nope.png', dir)).rejects.toThrow(CliError);
    await expect(imageToUrl('nope.png', dir)).rejects.toThrow(/"nope\.png" is neither/);
    await writeFile(join(dir, 'doc.png'), '%PDF-1.7');
    await expect(imageToUrl('doc.png', dir)).rejects.toThrow(/"doc\.png" is not a PNG, JPEG, GIF or WebP/);
  });
});
