import type { CommentsApi, IssueComment } from '../comment/sticky-comment.js';
import type { Repo } from './pull-request.js';
import type { GitHubClient } from './rest-client.js';

/** A comment edit while the run is being cancelled: it must fit in the runner's grace period. */
export const HURRIED_WRITE_MS = 2_500;

/**
 * A pull request's conversation comments (the issues API), every page. Once `hurry()` is true (the run
 * is being cancelled), each write gets HURRIED_WRITE_MS instead of the usual timeout.
 */
export function createCommentsApi(
  gh: GitHubClient,
  repo: Repo,
  number: number,
  hurry: () => boolean = () => false,
): CommentsApi {
  const base = `/repos/${repo.owner}/${repo.repo}/issues`;
  const call = () => (hurry() ? { timeoutMs: HURRIED_WRITE_MS } : {});
  return {
    list: () => gh.paginate<IssueComment>(`${base}/${number}/comments?per_page=100`),
    create: (body) => gh.request<IssueComment>('POST', `${base}/${number}/comments`, { body }, call()),
    update: (id, body) => gh.request<IssueComment>('PATCH', `${base}/comments/${id}`, { body }, call()),
  };
}
