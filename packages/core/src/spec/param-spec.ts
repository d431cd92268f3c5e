import type { z } from 'zod/v4';

/** Where a parameter is shown: always, or behind an "advanced"/"options" fold. */
export type ParamGroup = 'basic' | 'advanced';

/** How a surface should render the parameter. */
export type ParamKind = 'text' | 'long-text' | 'integer' | 'boolean' | 'choice' | 'url-list';

export interface ParamChoice {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

/**
 * One form parameter of a model, with everything a surface needs to render and check it.
 * `name` is the API's canonical name (snake_case); adapters derive their own spelling.
 */
export interface ParamSpec {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly kind: ParamKind;
  readonly group: ParamGroup;
  readonly required?: boolean;
  /** The value the API assumes when the field is left out (shown, never sent unless set). */
  readonly default?: string | number | boolean;
  readonly choices?: readonly ParamChoice[];
  readonly min?: number;
  readonly max?: number;
  readonly placeholder?: string;
  /** What is allowed, in words, for error messages: "medium, high or xhigh". */
  readonly allowed: string;
  readonly schema: z.ZodType;
}

export interface ModelSpec {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly contextWindowTokens: number;
  readonly maxOutputTokens: number;
  /** Whether the model accepts `background: true` (long answers as jobs). */
  readonly supportsBackground: boolean;
  /** Whether a surface should prefer background mode by default (Pro answers take minutes). */
  readonly preferBackground: boolean;
  readonly params: readonly ParamSpec[];
}
