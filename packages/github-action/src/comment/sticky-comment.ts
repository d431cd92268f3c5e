import { type Marker, parseMarker } from './marker.js';

export interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login?: string; type?: string } | null;
  author_association?: string;
}

/** The three comment endpoints the action uses; a fake stands in for them in tests. */
export interface CommentsApi {
  list(): Promise<IssueComment[]>;
  create(body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
}

/**
 * Only comments written by a bot (the workflow's token) or by someone with write access count: anyone
 * can post a comment that starts with a marker, and a forged "done" marker must not suppress a summary.
 */
export function isTrustedAuthor(comment: IssueComment): boolean {
  if (comment.user?.type === 'Bot') return true;
  return ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(comment.author_association ?? '');
}

export interface FoundComment {
  comment: IssueComment;
  marker: Marker;
}

/** Every trusted comment carrying this key's marker, oldest first (the comments of every page). */
export function findMarkedComments(comments: readonly IssueComment[], key: string): FoundComment[] {
  const found: FoundComment[] = [];
  for (const comment of comments) {
    const marker = parseMarker(comment.body);
    if (marker && marker.key === key && isTrustedAuthor(comment)) found.push({ comment, marker });
  }
  return found;
}

export type CommentMode = 'sticky' | 'new' | 'off';

/**
 * One comment per run: `sticky` edits the marked comment (creating it once), `new` creates one per run
 * and edits that one as the run goes on. Writing never creates a second comment within a run.
 */
export class CommentWriter {
  private current: IssueComment | undefined;

  constructor(
    private readonly api: CommentsApi,
    mode: Exclude<CommentMode, 'off'>,
    existing: IssueComment | undefined,
  ) {
    this.current = mode === 'sticky' ? existing : undefined;
  }

  get url(): string | undefined {
    return this.current?.html_url;
  }

  async write(body: string): Promise<IssueComment> {
    this.current = this.current ? await this.api.update(this.current.id, body) : await this.api.create(body);
    return this.current;
  }
}
