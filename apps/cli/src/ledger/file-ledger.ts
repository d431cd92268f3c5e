import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { type JobLedger, type LedgerEntry, type LedgerUpdate, redactSecrets } from '@modelstream-kit/core';

export const LEDGER_FILE = 'jobs.jsonl';

/** Past this many lines a read compacts the file to one line per job. */
const COMPACT_AFTER_LINES = 2_000;
/** Finished entries kept by a compaction (running ones are always kept). */
const KEEP_FINISHED = 1_000;
/** A compaction lock older than this was left by a process that died. */
const STALE_LOCK_MS = 30_000;
const RUNNING = new Set(['queued', 'in_progress']);

export interface LedgerRead {
  entries: LedgerEntry[];
  /** Lines that could not be read (a half-written or damaged line), 1-based. */
  skipped: number[];
}

/**
 * The CLI's job ledger: one JSON line per change, appended with O_APPEND in a single write, so two
 * processes writing at once interleave whole lines and never each other's bytes. A line cut short (a
 * process killed mid-write, a full disk) is skipped on reading; the next line is still found, even
 * when it was appended onto the cut one, because every line starts with `{"id":`, which cannot occur
 * inside a JSON string. The key is never in an entry (the core never puts it there) and is scrubbed
 * from each line all the same.
 */
export class FileLedger implements JobLedger {
  readonly path: string;
  readonly #dir: string;
  readonly #secrets: readonly string[];

  constructor(dir: string, secrets: readonly string[] = []) {
    this.#dir = dir;
    this.path = join(dir, LEDGER_FILE);
    this.#secrets = secrets;
  }

  put(update: LedgerUpdate): void {
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const { id, ...rest } = update;
    const line = `${redactSecrets(JSON.stringify({ id, ...rest }), this.#secrets)}\n`;
    const fd = openSync(this.path, 'a', 0o600);
    try {
      writeSync(fd, line);
    } finally {
      closeSync(fd);
    }
  }

  get(id: string): LedgerEntry | undefined {
    return this.read().entries.find((entry) => entry.id === id);
  }

  list(filter: { since?: number; status?: readonly LedgerEntry['status'][] } = {}): LedgerEntry[] {
    return this.read().entries.filter(
      (entry) =>
        (filter.since === undefined || entry.startedAt >= filter.since) &&
        (filter.status === undefined || filter.status.includes(entry.status)),
    );
  }

  /** Every entry, newest first, with the lines that could not be read; compacts a long file. */
  read(): LedgerRead {
    const { text, fd } = this.#open();
    try {
      const result = parseLedger(text);
      if (fd !== undefined && result.lines > COMPACT_AFTER_LINES) this.#compact(result.entries, fd, text);
      return { entries: result.entries, skipped: result.skipped };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  #open(): { text: string; fd?: number } {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '' };
      throw error;
    }
    return { text: readFrom(fd, 0), fd };
  }

  /**
   * Rewrites the file as one line per job (the newest KEEP_FINISHED finished ones, every running one),
   * under a lock so two compactions never race. Lines another process appended while this one worked
   * are read back from the old file after the rename and appended to the new one.
   */
  #compact(entries: LedgerEntry[], fd: number, text: string): void {
    const lock = `${this.path}.lock`;
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch {
        // Gone already: the other compaction finished.
      }
      return;
    }
    try {
      const finished = entries.filter((e) => !RUNNING.has(e.status)).slice(0, KEEP_FINISHED);
      const kept = entries.filter((e) => RUNNING.has(e.status) || finished.includes(e)).reverse();
      const next = `${this.path}.${process.pid}.tmp`;
      writeFileSync(next, kept.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
      renameSync(next, this.path);
      const late = readFrom(fd, Buffer.byteLength(text));
      if (late) {
        const out = openSync(this.path, 'a', 0o600);
        try {
          writeSync(out, late.endsWith('\n') ? late : `${late}\n`);
        } finally {
          closeSync(out);
        }
      }
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

function readFrom(fd: number, offset: number): string {
  const size = fstatSync(fd).size - offset;
  if (size <= 0) return '';
  const buffer = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, buffer, read, size - read, offset + read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read).toString('utf8');
}

const isUpdate = (value: unknown): value is LedgerUpdate =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'string' &&
  typeof (value as { updatedAt?: unknown }).updatedAt === 'number';

function parseLine(line: string): LedgerUpdate | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isUpdate(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Merges the lines by id in file order (later fields win), newest start first. */
export function parseLedger(text: string): LedgerRead & { lines: number } {
  const byId = new Map<string, LedgerUpdate>();
  const skipped: number[] = [];
  const lines = text.split('\n');
  let count = 0;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    count++;
    let update = parseLine(line);
    if (!update) {
      skipped.push(index + 1);
      // A cut-off line with a whole one appended after it: keep the whole one.
      const start = line.lastIndexOf('{"id":');
      if (start > 0) update = parseLine(line.slice(start));
      if (!update) return;
    }
    // An entry first seen by its end (`wait ID` for a job started elsewhere) starts when first seen.
    byId.set(update.id, { startedAt: update.updatedAt, ...byId.get(update.id), ...update });
  });
  const entries = [...byId.values()]
    .filter((e): e is LedgerEntry => typeof e.status === 'string')
    .sort((a, b) => b.startedAt - a.startedAt);
  return { entries, skipped, lines: count };
}
