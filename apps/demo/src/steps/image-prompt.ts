import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoStep } from '../demo-context.js';

// A 1×1 PNG, so the step can show a local file becoming a data URL without shipping an image.
const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const imagePrompt: DemoStep = {
  title: 'A prompt with images',
  intro:
    'An image URL is sent as is; a local file is read and sent as a data URL with the mime type its bytes show. ' +
    'GPT-5.4 pro prefers background mode, so the CLI starts a job and waits for it.',
  async run(ctx) {
    await writeFile(join(ctx.tmpDir, 'pixel.png'), Buffer.from(TINY_PNG, 'base64'));
    await ctx.cli(
      [
        'ask',
        'Describe these two images in one sentence each.',
        '--image',
        'https://upload.wikimedia.org/wikipedia/commons/4/47/PNG_transparency_demonstration_1.png',
        '--image',
        'pixel.png',
        '--image-detail',
        'low',
      ],
      { cwd: ctx.tmpDir },
    );
  },
};
