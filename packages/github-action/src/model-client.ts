import type { ModelStreamClient } from '@modelstream-kit/core';
import { createNodeClient } from '@modelstream-kit/core/node';
import type { ActionConfig } from './config/read-config.js';

/**
 * The runner sends SIGTERM 7.5 s after SIGINT: the upstream cancel gets 3.5 s, so the comment edits
 * before and after it fit in that grace period too.
 */
export const CANCEL_TIMEOUT_MS = 3_500;

/**
 * The ModelStream client for this run: the inputs' base URL, key and job path, the price multiplier,
 * the process's HTTPS_PROXY/NO_PROXY (the core's Node transport), and the GitHub token as one more secret
 * never to show. MODELSTREAM_* variables of the runner are not read: the inputs say everything.
 */
export function createModelClient(config: ActionConfig, modelId: string): ModelStreamClient {
  return createNodeClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    model: modelId,
    env: {},
    ...(config.jobPath ? { jobPath: config.jobPath } : {}),
    ...(config.priceMultiplier !== undefined ? { pricing: { multiplier: config.priceMultiplier } } : {}),
    secrets: config.githubToken ? [config.githubToken] : [],
    timeouts: { cancelMs: CANCEL_TIMEOUT_MS },
  });
}
