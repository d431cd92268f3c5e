import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import app from './index.js';

const require = createRequire(import.meta.url);
// Zapier's own preparation and schema check, as `zapier-platform validate` and the runtime run them.
const { prepareApp, validateApp } = require('zapier-platform-core/src/tools/schema') as {
  prepareApp: (app: unknown) => unknown;
  validateApp: (compiled: unknown) => unknown[];
};

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the app definition', () => {
  it('validates against zapier-platform-schema with no errors', () => {
    expect(validateApp(prepareApp(app))).toEqual([]);
    expect(validateApp(prepareApp(createApp({ budgetMs: 1_000 })))).toEqual([]);
  });

  it('offers Send Prompt, Start Background Completion, Cancel, the task actions and Find Completion', () => {
    expect(Object.keys(app.creates ?? {}).sort()).toEqual([
      'cancel_completion',
      'classify_text',
      'extract_structured_data',
      'send_prompt',
      'start_background_completion',
      'summarize_text',
    ]);
    expect(Object.keys(app.searches ?? {})).toEqual(['find_completion']);
    expect(app.authentication?.type).toBe('custom');
  });

  it.skipIf(!existsSync(`${packageDir}/dist/index.js`))(
    "loads through the root index.js the way Zapier's CommonJS wrapper does",
    () => {
      const out = execFileSync(
        process.execPath,
        [
          '-e',
          "const a = require('./index.js'); console.log(JSON.stringify([Object.keys(a.creates), a.platformVersion]))",
        ],
        { cwd: packageDir, encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toEqual([Object.keys(app.creates ?? {}), app.platformVersion]);
    },
  );
});
