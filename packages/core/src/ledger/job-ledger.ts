import type { Usage } from '../completion.js';
import type { Cost } from '../cost/cost-of.js';
import type { Delivery } from '../spec/param-spec.js';

/** What is kept of a prompt: by default a hash and its first words; the text only when asked for. */
export interface PromptDigest {
  /** A stable hash of the prompt (and system prompt), to tell repeats apart without keeping the text. */
  hash: string;
  /** The first 60 characters of the prompt, whitespace collapsed. */
  preview: string;
  /** The whole prompt, only with `logPrompts`. */
  text?: string;
}

export type LedgerStatus = 'queued' | 'in_progress' | 'completed' | 'incomplete' | 'failed' | 'cancelled';

/** One background job or finished answer, as a ledger keeps it. Never holds the key. */
export interface LedgerEntry {
  /** The job's id (or the answer's, for plain and streamed calls). */
  id: string;
  model: string;
  delivery: Delivery;
  status: LedgerStatus;
  /** Epoch milliseconds. */
  startedAt: number;
  updatedAt: number;
  prompt: PromptDigest;
  usage?: Usage;
  cost?: Cost;
  requestId?: string;
  /** Why it ended without an answer, in the kit's words (scrubbed of secrets). */
  error?: string;
}

/**
 * Where a surface remembers jobs, so one the process forgets can still be collected: injected like the
 * transport (a file for the CLI, workflow static data for n8n). The client records every background
 * job as soon as its id is known and every finished answer; a ledger that fails never fails a call.
 */
/** A new entry, or what changed of one: fields given replace the old ones. */
export type LedgerUpdate = Partial<LedgerEntry> & Pick<LedgerEntry, 'id' | 'updatedAt'>;

export interface JobLedger {
  /** Records an entry, or updates the one with the same id. */
  put(entry: LedgerUpdate): void | Promise<void>;
  get?(id: string): LedgerEntry | undefined | Promise<LedgerEntry | undefined>;
  list?(filter?: {
    since?: number;
    status?: readonly LedgerStatus[];
  }): LedgerEntry[] | Promise<LedgerEntry[]>;
}

/** Two FNV-1a lanes (32-bit each) as 16 hex digits: the core has no crypto module; this only tells prompts apart. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function digestPrompt(params: Record<string, unknown>, keepText = false): PromptDigest {
  const prompt = typeof params.prompt === 'string' ? params.prompt : '';
  const system = typeof params.system_prompt === 'string' ? params.system_prompt : '';
  const preview = prompt.replace(/\s+/g, ' ').trim().slice(0, 60);
  return { hash: hashText(`${system}\u0000${prompt}`), preview, ...(keepText ? { text: prompt } : {}) };
}
