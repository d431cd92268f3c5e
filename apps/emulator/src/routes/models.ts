import { models } from '@modelstream-kit/core';
import { type ApiRoute, reply } from './context.js';

/** 2026-01-01, fixed so the listing is deterministic. */
const CREATED = 1_767_225_600;

/** `GET /v1/models`: the core's catalogue, where the profile has the route. */
export const modelsRoute: ApiRoute = (ctx) => {
  if (ctx.path !== '/v1/models' || ctx.method !== 'GET' || !ctx.state.profile.models) return undefined;
  reply(ctx, 200, {
    object: 'list',
    data: Object.values(models).map((m) => ({
      id: m.id,
      object: 'model',
      created: CREATED,
      owned_by: 'modelstream',
      name: m.label,
      description: m.description,
      context_window: m.contextWindowTokens,
      max_output_tokens: m.maxOutputTokens,
    })),
  });
  return Promise.resolve();
};
