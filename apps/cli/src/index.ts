export { CliError } from './cli-error.js';
export { type DemoContext, type DemoStep, demoSteps } from './demo/steps.js';
export { parseDuration } from './duration.js';
export { EXIT_CODE_HELP, EXIT_CODES, type ExitCode, exitCodeFor } from './exit-codes.js';
export {
  normalizeTables,
  REFERENCE_END,
  REFERENCE_START,
  referenceMarkdown,
  withReference,
} from './flag-table.js';
export { imageToUrl, sniffImageMime } from './image-input.js';
export { type CliIo, main, processIo } from './main.js';
export { answerText, usageLine } from './output.js';
export { paramFlagDocs, paramsFromFlags } from './param-flags.js';
export { resolvePrompt } from './prompt-input.js';
