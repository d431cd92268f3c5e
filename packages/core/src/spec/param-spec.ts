import type * as z from 'zod/v4';

/** Where a parameter is shown: always, or behind an "advanced"/"options" fold. */
export type ParamGroup = 'basic' | 'advanced';

/** How a surface should render the parameter. */
export type ParamKind = 'text' | 'long-text' | 'integer' | 'boolean' | 'choice' | 'url-list';

/**
 * What a parameter is for, so adapters render by role instead of by name: the user's message, the
 * system instructions, the images, or a switch of how the answer travels (which the adapter decides).
 */
export type ParamRole = 'prompt' | 'instructions' | 'images' | 'delivery';

/** How an answer travels: a background job that is polled, a stream of deltas, or one plain request. */
export type Delivery = 'background' | 'stream' | 'plain';

export interface ParamChoice {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

/**
 * One form parameter of a model, with everything a surface needs to render and check it.
 * `name` is the API's canonical name (snake_case); adapters derive their own spelling.
 */
export interface ParamSpec<
  N extends string = string,
  S extends z.ZodType = z.ZodType,
  R extends boolean = boolean,
> {
  readonly name: N;
  readonly label: string;
  readonly description: string;
  readonly kind: ParamKind;
  readonly group: ParamGroup;
  readonly role?: ParamRole;
  readonly required?: R;
  /** The value the API assumes when the field is left out (shown, never sent unless set). */
  readonly default?: string | number | boolean;
  readonly choices?: readonly ParamChoice[];
  readonly min?: number;
  readonly max?: number;
  /** For a url-list: the largest inline (data:) item, in bytes once decoded. */
  readonly maxItemBytes?: number;
  readonly placeholder?: string;
  /** What is allowed, in words, for error messages: "medium, high or xhigh". */
  readonly allowed: string;
  readonly schema: S;
}

/** Prices in US dollars per million tokens, for one tier of prompt size. */
export interface PriceTier {
  /** The tier applies while the prompt has at most this many tokens (the last tier has none). */
  readonly upToInputTokens?: number;
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/** How images count as input tokens (OpenAI's published tile rule): used only for estimates. */
export interface ImageTokenRule {
  /** Tokens of an image sent with `image_detail: low`. */
  readonly low: number;
  /** Fixed tokens of a detailed image, plus `perTile` for each tile of `tileSize` pixels. */
  readonly base: number;
  readonly perTile: number;
  readonly tileSize: number;
  /** Most tiles a detailed image can take (the image is scaled to fit first). */
  readonly maxTiles: number;
}

export interface ModelPricing {
  readonly currency: 'USD';
  /** Where the figures come from, shown next to every cost. */
  readonly source: string;
  /** Ordered by `upToInputTokens`; the first tier the prompt fits is used. Reasoning bills as output. */
  readonly tiers: readonly PriceTier[];
  readonly imageTokens: ImageTokenRule;
}

export interface ModelSpec<P extends readonly ParamSpec[] = readonly ParamSpec[]> {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly contextWindowTokens: number;
  readonly maxOutputTokens: number;
  /** The ways this model can answer, and the one surfaces use when the user does not choose. */
  readonly delivery: { readonly supports: readonly Delivery[]; readonly preferred: Delivery };
  readonly pricing: ModelPricing;
  readonly params: P;
}

type ParamsUnion<M extends ModelSpec> = M['params'][number];
type IsRequired<P extends ParamSpec> = Exclude<P['required'], undefined> extends true ? true : false;

/**
 * The parameters of a model as TypeScript sees them, inferred from the spec's schemas: required ones
 * required, the rest optional. `ParamsOf<typeof gpt54Pro>` has `prompt: string`, `reasoning_effort?: ...`.
 */
export type ParamsOf<M extends ModelSpec> = {
  [P in ParamsUnion<M> as IsRequired<P> extends true ? P['name'] : never]: z.infer<P['schema']>;
} & {
  [P in ParamsUnion<M> as IsRequired<P> extends true ? never : P['name']]?: z.infer<P['schema']>;
};
