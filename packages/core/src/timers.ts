// `@modelstream-kit/core/timers`: real time for any JavaScript runtime with setTimeout, without undici
// (Zapier's bundle uses it; `/node` re-exports it).
/** @public */
export { timerClock } from './node/timer-clock.js';
