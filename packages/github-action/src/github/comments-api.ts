import type { CommentsApi, IssueComment } from '../comment/sticky-comment.js';
import type { Repo } from './pull-request.js';
import type { GitHubClient } from './rest-client.js';

/** A pull request's conversation comments (the issues API), every page. */
export function createCommentsApi(gh: GitHubClient, repo: Repo, number: number): CommentsApi {
  const base = `/repos/${repo.owner}/${repo.repo}/issues`;
  return {
    list: () => gh.paginate<IssueComment>(`${base}/${number}/comments?per_page=100`),
    create: (body) => gh.request<IssueComment>('POST', `${base}/${number}/comments`, { body }),
    update: (id, body) => gh.request<IssueComment>('PATCH', `${base}/comments/${id}`, { body }),
  };
}
