export {
  type ActionOutput,
  actionOutputs,
  COMMENT_MODES,
  companionInputs,
  DEFAULT_MAX_DIFF_TOKENS,
  DEFAULT_TIMEOUT_MINUTES,
  leadingInputs,
  MODES,
  type OwnInput,
  trailingInputs,
} from './action-inputs.js';
export { type ActionInput, actionInputList, paramDefault } from './action-yml/input-list.js';
export { renderActionYml } from './action-yml/render-action-yml.js';
export { type CallPlan, callModel } from './call-model.js';
export {
  decideRun,
  type Marker,
  parseMarker,
  type RunDecision,
  renderMarker,
  requestHash,
} from './comment/marker.js';
export {
  answerComment,
  answerFromComment,
  failureComment,
  inProgressComment,
} from './comment/render-comment.js';
export {
  type CommentsApi,
  CommentWriter,
  findMarkedComments,
  type IssueComment,
  isTrustedAuthor,
} from './comment/sticky-comment.js';
export { type ActionConfig, readConfig } from './config/read-config.js';
export { type BudgetResult, budgetDiff, MIN_SHARE_TOKENS } from './diff/budget-diff.js';
export { fitLines, lineTokens } from './diff/count-tokens.js';
export type { DiffFile } from './diff/diff-file.js';
export { filterFiles, parseGlobList } from './diff/file-filter.js';
export { manifestForMarkdown, manifestForPrompt } from './diff/manifest-text.js';
export { parseUnifiedDiff } from './diff/parse-unified-diff.js';
export { type ManifestEntry, type PreparedDiff, prepareDiff } from './diff/prepare-diff.js';
export { createGitHubClient, GitHubApiError, type GitHubClient, nextLink } from './github/rest-client.js';
export { expandPlaceholders, PLACEHOLDERS } from './prompt/placeholders.js';
export { buildSummaryPrompt, DEFAULT_SUMMARY_INSTRUCTIONS } from './prompt/summary-prompt.js';
export { run } from './run.js';
