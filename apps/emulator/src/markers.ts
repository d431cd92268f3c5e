/** Per-request controls written into the prompt, for benchmarks and tests. */
export interface PromptMarkers {
  /** `[emulator:answer-bytes=N]`: the answer is about N bytes long. */
  answerBytes?: number;
  /** `[emulator:delay-ms=N]`: this answer starts N ms later. */
  delayMs?: number;
  /** `[emulator:job-ms=N]`: this background job takes N ms. */
  jobMs?: number;
  /** `[emulator:delta-bytes=N]`: streamed deltas carry about N bytes each. */
  deltaBytes?: number;
}

const MARKER = /\[emulator:(answer-bytes|delay-ms|job-ms|delta-bytes)=(\d{1,12})\]/g;
const KEYS = {
  'answer-bytes': 'answerBytes',
  'delay-ms': 'delayMs',
  'job-ms': 'jobMs',
  'delta-bytes': 'deltaBytes',
} as const;

export function readMarkers(prompt: string): PromptMarkers {
  const markers: PromptMarkers = {};
  if (!prompt.includes('[emulator:')) return markers;
  for (const match of prompt.matchAll(MARKER)) {
    const key = KEYS[match[1] as keyof typeof KEYS];
    markers[key] = Number(match[2]);
  }
  return markers;
}
