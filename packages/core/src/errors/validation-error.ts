import { ModelStreamError } from './model-stream-error.js';

export interface ValidationIssue {
  /** The field's canonical name, with an index for list items: `image_urls[2]`. */
  field: string;
  /** The value given (undefined when missing). */
  value: unknown;
  /** What is allowed, in words. */
  allowed: string;
  message: string;
}

/** Bad input, found before any request was sent. Lists every problem at once. */
export class ValidationError extends ModelStreamError {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[]) {
    super(issues.map((i) => i.message).join('\n'), { param: issues[0]?.field });
    this.issues = issues;
  }
}
