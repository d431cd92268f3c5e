import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { sniffImageType } from './images.js';
import type { AnswerOutput } from './output.js';
import {
  captureZapierLogs,
  chatPosts,
  errorOf,
  loggedPostBodies,
  useZapier,
  zapierFields,
} from './test-utils/harness.js';

const h = useZapier();
const sendPrompt = () =>
  h.app.creates?.send_prompt?.operation.perform as (z: ZObject, b: Bundle) => Promise<AnswerOutput>;

// A 1×1 PNG, served as application/octet-stream the way file stores often do.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let files: Server;
let filesUrl = '';
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  files = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/cat.png') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PNG);
    } else if (req.url === '/doc.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));

describe('images', () => {
  it('recognises image bytes whatever the server calls them', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBP'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('%PDF'))).toBeUndefined();
  });

  it('image URLs go as they are; image files are downloaded (without the key) and sent as data URLs', async () => {
    seen.length = 0;
    const logs = captureZapierLogs();
    const out = await h.tester(
      sendPrompt(),
      h.bundle({
        prompt: 'Describe [emulator:job-ms=20]',
        advanced_options: 'true',
        image_urls: ['https://example.com/public.png'],
        image_files: [`${filesUrl}/cat.png`],
        image_detail: 'low',
      }),
    );
    expect(out.status).toBe('completed');
    expect(chatPosts(h.emulator())).toHaveLength(1);
    const body = loggedPostBodies(logs)[0] as { image_urls: string[]; image_detail: string };
    expect(body.image_urls).toEqual([
      'https://example.com/public.png',
      `data:image/png;base64,${PNG.toString('base64')}`,
    ]);
    expect(body.image_detail).toBe('low');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it('a file that is not an image, or cannot be fetched, is refused by its position before the model is called', async () => {
    for (const [path, problem] of [
      ['/doc.pdf', 'not an image'],
      ['/missing', 'HTTP 404'],
    ] as const) {
      const error = await errorOf(
        h.tester(
          sendPrompt(),
          h.bundle({
            prompt: 'x',
            advanced_options: 'true',
            image_files: [`${filesUrl}/cat.png`, filesUrl + path],
          }),
        ),
      );
      expect(zapierFields(error).code).toBe('invalid_input');
      expect(String(zapierFields(error).message)).toContain(`image_files[1]: `);
      expect(String(zapierFields(error).message)).toContain(problem);
    }
    expect(h.emulator().requests()).toEqual([]);
  });

  it('more than the spec allows, counting files and URLs together, is refused before any download', async () => {
    seen.length = 0;
    const urls = Array.from({ length: 50 }, (_, i) => `https://example.com/${i}.png`);
    const error = await errorOf(
      h.tester(
        sendPrompt(),
        h.bundle({
          prompt: 'x',
          advanced_options: 'true',
          image_urls: urls,
          image_files: [`${filesUrl}/cat.png`],
        }),
      ),
    );
    expect(zapierFields(error).code).toBe('invalid_input');
    expect(String(zapierFields(error).message)).toContain('image_urls');
    expect(seen).toHaveLength(0);
  });
});
