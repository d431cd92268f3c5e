export { runSoak, SOAK_KEY, type SoakReport, soakFailures } from './soak/run-soak.js';
