import { apiError } from '../api-error.js';
import { chatJobView } from '../chat-job-view.js';
import type { Job } from '../jobs.js';
import type { EmulatorState } from '../state.js';
import { type ApiRoute, notFound, reply, replyError } from './context.js';

/** A job in the shape the profile in force gives jobs. */
export function jobView(state: EmulatorState, job: Job): unknown {
  return state.profile.jobs?.shape === 'chat-completion'
    ? chatJobView(state.jobs, job)
    : state.jobs.view(job);
}

/** The id prefix of new jobs under the profile in force. */
export function jobIdPrefix(state: EmulatorState): string {
  return state.profile.jobs?.shape === 'chat-completion' ? 'chatcmpl-' : 'resp_';
}

/** `GET {base}/{id}` polls a job, `POST {base}/{id}/cancel` cancels it; the profile says where `base` is. */
export const jobRoutes: ApiRoute = (ctx) => {
  const base = ctx.state.profile.jobs?.base;
  if (!base || !ctx.path.startsWith(`${base}/`)) return undefined;
  const route = /^([^/]+)(\/cancel)?$/.exec(ctx.path.slice(base.length + 1));
  if (!route) return undefined;
  const id = decodeURIComponent(route[1]!);
  const cancel = Boolean(route[2]);
  if (cancel ? ctx.method !== 'POST' : ctx.method !== 'GET') return notFound(ctx);
  const job = cancel ? ctx.state.jobs.cancel(id) : ctx.state.jobs.get(id);
  if (!job) {
    const param = ctx.state.profile.jobs?.shape === 'chat-completion' ? 'completion_id' : 'response_id';
    replyError(
      ctx,
      apiError(404, `No response found with id '${id}'.`, 'invalid_request_error', 'not_found', param),
    );
  } else {
    reply(ctx, 200, jobView(ctx.state, job));
  }
  return Promise.resolve();
};
