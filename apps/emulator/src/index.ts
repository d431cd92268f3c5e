export { type Answer, type AnswerUsage, answerText, generateAnswer, quotePrompt } from './answer.js';
export type { ApiError } from './api-error.js';
export { RESERVED_KEYS } from './auth.js';
export { type ChatRequest, parseChatRequest } from './chat-request.js';
export type { Fault, FaultKind, FaultMatch, FaultOf } from './faults.js';
export { type PromptMarkers, readMarkers } from './markers.js';
export { DEFAULT_CONFIG, DEFAULT_PORT, type EmulatorConfig, type EmulatorOptions } from './options.js';
export {
  DEFAULT_PROFILE,
  type GatewayProfile,
  PROFILE_NAMES,
  PROFILES,
  type ProfileName,
  type ProfileSetting,
} from './profiles.js';
export type { RecordedRequest } from './request-log.js';
export { type Emulator, startEmulator } from './server.js';
export { countTokens } from './tokens.js';
