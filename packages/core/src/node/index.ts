export { createNodeClient, type NodeClientOptions } from './create-node-client.js';
export { type Environment, readEnvironment } from './environment.js';
export { timerClock } from './timer-clock.js';
export { closeDefaultAgent, createUndiciTransport, defaultAgent } from './undici-transport.js';
