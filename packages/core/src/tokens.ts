// `@modelstream-kit/core/tokens`: exact o200k token counts (GPT-5's encoding), for budgets and cost
// estimates. An entry of its own: the tokenizer's tables are large, and only surfaces that count load them.
/** @public */
export { countTokens } from './tokens/count-tokens.js';
