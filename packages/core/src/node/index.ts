export { createNodeClient, type NodeClientOptions } from './create-node-client.js';
export {
  ENVIRONMENT_VARIABLES,
  type Environment,
  readEnvironment,
  readEnvironmentOptions,
} from './environment.js';
export { type LoadApiKeyOptions, loadApiKey } from './load-api-key.js';
export { timerClock } from './timer-clock.js';
export {
  closeDefaultAgent,
  createNodeDispatcher,
  createUndiciTransport,
  defaultAgent,
  proxyFromEnvironment,
} from './undici-transport.js';
