// The emulator counts tokens with the core's o200k counter, the same one cost estimates use.
export { countTokens } from '@modelstream-kit/core/tokens';
