import { defineApp, version as platformVersion } from 'zapier-platform-core';
import packageJson from '../package.json' with { type: 'json' };
import { authenticationFor } from './authentication.js';
import { type AppOptions, resolveAppOptions } from './client.js';
import { cancelCompletionFor } from './creates/cancel-completion.js';
import { sendPromptFor } from './creates/send-prompt.js';
import { startBackgroundFor } from './creates/start-background.js';
import { addBearerToken, explainModelStreamErrors } from './middleware.js';
import { findCompletionFor } from './searches/find-completion.js';

/** The Zapier app definition. Options exist for tests (a short budget, quick polling). */
export function createApp(options: AppOptions = {}) {
  const resolved = resolveAppOptions(options);
  const sendPrompt = sendPromptFor(resolved);
  const startBackground = startBackgroundFor(resolved);
  const cancel = cancelCompletionFor(resolved);
  const find = findCompletionFor(resolved);
  return defineApp({
    version: packageJson.version,
    platformVersion,
    authentication: authenticationFor(resolved),
    beforeRequest: [addBearerToken],
    afterResponse: [explainModelStreamErrors],
    creates: {
      [sendPrompt.key]: sendPrompt,
      [startBackground.key]: startBackground,
      [cancel.key]: cancel,
    },
    searches: {
      [find.key]: find,
    },
  });
}
