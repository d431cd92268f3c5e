// `@modelstream-kit/core/node`: Node's defaults (undici, real timers, the environment). All public.
/** @public */
export { createNodeClient, type NodeClientOptions } from './create-node-client.js';
/** @public */
export {
  ENVIRONMENT_VARIABLES,
  type Environment,
  readEnvironment,
  readEnvironmentOptions,
} from './environment.js';
/** @public */
export { type LoadApiKeyOptions, loadApiKey } from './load-api-key.js';
/** @public */
export { timerClock } from './timer-clock.js';
/** @public */
export {
  closeDefaultAgent,
  createNodeDispatcher,
  createUndiciTransport,
  proxyFromEnvironment,
} from './undici-transport.js';
