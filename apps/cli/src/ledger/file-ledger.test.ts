import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLedger, parseLedger } from './file-ledger.js';
import { stateDirectory } from './state-dir.js';

const dir = () => mkdtempSync(join(tmpdir(), 'modelstream-ledger-'));
const start = (id: string, at: number) => ({
  id,
  model: 'gpt-5.4-pro',
  delivery: 'background' as const,
  status: 'queued' as const,
  startedAt: at,
  updatedAt: at,
  prompt: { hash: '0000000000000000', preview: id },
});

describe('FileLedger', () => {
  it('merges the lines of a job, later fields winning, newest start first', () => {
    const ledger = new FileLedger(dir());
    ledger.put(start('resp_a', 1));
    ledger.put(start('resp_b', 2));
    ledger.put({ id: 'resp_a', status: 'completed', updatedAt: 3 });
    expect(ledger.list().map((e) => [e.id, e.status])).toEqual([
      ['resp_b', 'queued'],
      ['resp_a', 'completed'],
    ]);
    expect(ledger.get('resp_a')?.prompt.preview).toBe('resp_a');
    expect(ledger.list({ status: ['queued'] }).map((e) => e.id)).toEqual(['resp_b']);
  });

  it('scrubs the secrets it is given from every line', () => {
    const ledger = new FileLedger(dir(), ['sk-secret-value-1234']);
    ledger.put({ ...start('resp_a', 1), error: 'echoed sk-secret-value-1234 back' });
    expect(readFileSync(ledger.path, 'utf8')).not.toContain('sk-secret-value-1234');
  });

  it('compacts a long file to one line per job and keeps every entry', () => {
    const ledger = new FileLedger(dir());
    for (let i = 0; i < 3; i++) ledger.put(start(`resp_${i}`, i));
    for (let i = 0; i < 2_100; i++)
      ledger.put({ id: `resp_${i % 2}`, status: 'in_progress', updatedAt: 10 + i });
    ledger.put({ id: 'resp_0', status: 'completed', updatedAt: 5_000 });
    const before = ledger.read().entries;
    const lines = readFileSync(ledger.path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(ledger.read().entries).toEqual(before);
    expect(before.map((e) => [e.id, e.status])).toEqual([
      ['resp_2', 'queued'],
      ['resp_1', 'in_progress'],
      ['resp_0', 'completed'],
    ]);
  });

  it('finds a whole line appended onto one cut short', () => {
    const whole = JSON.stringify(start('resp_ok', 1));
    const { entries, skipped } = parseLedger(`${whole.slice(0, 30)}${whole}\n{"id":"x"`);
    expect(entries.map((e) => e.id)).toEqual(['resp_ok']);
    expect(skipped).toEqual([1, 2]);
  });
});

describe('stateDirectory', () => {
  it('MODELSTREAM_STATE_DIR, else $XDG_STATE_HOME/modelstream, else ~/.local/state/modelstream', () => {
    expect(stateDirectory({ MODELSTREAM_STATE_DIR: '/s', XDG_STATE_HOME: '/x', HOME: '/h' })).toBe('/s');
    expect(stateDirectory({ XDG_STATE_HOME: '/x', HOME: '/h' })).toBe('/x/modelstream');
    expect(stateDirectory({ XDG_STATE_HOME: 'relative', HOME: '/h' })).toBe('/h/.local/state/modelstream');
    expect(stateDirectory({ HOME: '/h' })).toBe('/h/.local/state/modelstream');
    expect(() => stateDirectory({ MODELSTREAM_STATE_DIR: 'here' })).toThrow(
      'MODELSTREAM_STATE_DIR: "here" is not allowed; use an absolute path',
    );
  });
});
