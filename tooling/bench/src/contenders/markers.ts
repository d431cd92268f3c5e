/**
 * The emulator reads instructions from the prompt (see apps/emulator's README): `[emulator:name=value]`.
 * Benchmarks use them to ask for an answer size, a delay or a job duration per call.
 */
export function marker(name: string, value: number | string): string {
  return `[emulator:${name}=${value}]`;
}

/** A `[tag:...]` the forked emulator's log summary extracts, to count requests per logical call. */
export function tag(id: string): string {
  return `[tag:${id}]`;
}
