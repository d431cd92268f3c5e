import type { DiffFile } from '../diff/diff-file.js';
import type { GitHubClient } from './rest-client.js';

export interface Repo {
  owner: string;
  repo: string;
}

/** What the prompt and the comment need of a pull request. */
export interface PullRequest {
  number: number;
  title: string;
  body: string;
  author: string;
  url: string;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  changedFiles: number | undefined;
}

interface ApiPull {
  number: number;
  title: string;
  body: string | null;
  html_url: string;
  user: { login: string } | null;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  changed_files?: number;
}

interface ApiFile {
  filename: string;
  previous_filename?: string;
  status: string;
  additions: number;
  deletions: number;
  patch?: string;
}

export async function getPullRequest(gh: GitHubClient, repo: Repo, number: number): Promise<PullRequest> {
  const pr = await gh.request<ApiPull>('GET', `/repos/${repo.owner}/${repo.repo}/pulls/${number}`);
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? '',
    author: pr.user?.login ?? 'unknown',
    url: pr.html_url,
    base: { ref: pr.base.ref, sha: pr.base.sha },
    head: { ref: pr.head.ref, sha: pr.head.sha },
    changedFiles: pr.changed_files,
  };
}

const toDiffFile = (f: ApiFile): DiffFile => ({
  path: f.filename,
  previousPath: f.previous_filename,
  status: f.status,
  additions: f.additions,
  deletions: f.deletions,
  patch: f.patch,
  // GitHub sends no patch for binary files (and for very large ones: the filter tells them apart).
  binary: false,
});

/** The files changed from `base` to `head` (the compare API; GitHub lists at most 300 files there). */
export async function compareCommits(
  gh: GitHubClient,
  repo: Repo,
  base: string,
  head: string,
): Promise<DiffFile[]> {
  const comparison = await gh.request<{ files?: ApiFile[] }>(
    'GET',
    `/repos/${repo.owner}/${repo.repo}/compare/${base}...${head}`,
  );
  return (comparison.files ?? []).map(toDiffFile);
}

/** Every changed file, all pages (GitHub stops listing at 3,000 files). */
export async function listPullRequestFiles(
  gh: GitHubClient,
  repo: Repo,
  number: number,
): Promise<DiffFile[]> {
  const files = await gh.paginate<ApiFile>(
    `/repos/${repo.owner}/${repo.repo}/pulls/${number}/files?per_page=100`,
  );
  return files.map(toDiffFile);
}
