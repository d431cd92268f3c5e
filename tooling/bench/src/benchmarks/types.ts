import type { EmulatorOptions, ForkedEmulator } from '../emulator/forked-emulator.js';

export interface MetricSpec {
  key: string;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
}

export type Metrics = Record<string, number>;

export interface Contender {
  name: string;
  /** What this contender is, for the report. */
  note: string;
}

export interface Aim {
  /** The aim in words: "≥ 0.9× raw undici's throughput". */
  aim: string;
  /** What was measured, in words with the number. */
  measured: string;
  met: boolean;
}

/** Everything the worker needs to run one round of one contender. */
export interface RoundInput {
  benchmark: string;
  contender: string;
  url: string;
  scale: number;
  round: number;
}

export interface Benchmark {
  id: string;
  title: string;
  /** What it measures and how, in one or two sentences for the report. */
  measures: string;
  contenders: readonly Contender[];
  /** The contender ratios are taken against. */
  reference: string;
  metrics: readonly MetricSpec[];
  /** The metric the ratio column is computed on. */
  primary: string;
  /** Emulator settings for this benchmark. */
  emulator: EmulatorOptions;
  /** Rounds at full size (each contender runs once per round, order rotating). */
  rounds: number;
  /** Why it cannot run here (a package not built yet), or undefined. */
  unavailable?(): string | undefined;
  /** Runs in a fresh worker process (or in-process for smoke tests): one contender, one round. */
  runRound(input: RoundInput): Promise<Metrics>;
  /** Runs in the orchestrator after a round, with the emulator's log, to add server-side figures. */
  afterRound?(emulator: ForkedEmulator, input: RoundInput, metrics: Metrics): Promise<Metrics>;
  aims(medians: Record<string, Metrics>): Aim[];
  /** Extra lines for the report (what the figures mean, caveats), from the medians and every round. */
  notes?(medians: Record<string, Metrics>, rounds: Record<string, Metrics[]>): string[];
}
