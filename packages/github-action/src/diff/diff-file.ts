/** One changed file, from the REST API's files list or from a unified diff. */
export interface DiffFile {
  readonly path: string;
  readonly previousPath?: string | undefined;
  /** added, modified, removed, renamed, copied, changed, unchanged (GitHub's words). */
  readonly status: string;
  readonly additions?: number | undefined;
  readonly deletions?: number | undefined;
  /** The hunks (`@@ ... @@` onwards); undefined when there is none to show. */
  readonly patch: string | undefined;
  /** Git or GitHub said the file is binary. */
  readonly binary: boolean;
}

/** The heading a file's patch gets in the prompt. */
export function fileHeading(file: DiffFile): string {
  const counts =
    file.additions !== undefined || file.deletions !== undefined
      ? `, +${file.additions ?? 0} -${file.deletions ?? 0}`
      : '';
  const renamed = file.previousPath && file.previousPath !== file.path ? ` (from ${file.previousPath})` : '';
  return `### ${file.path}${renamed} [${file.status}${counts}]\n`;
}
