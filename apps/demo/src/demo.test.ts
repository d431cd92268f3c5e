import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoSteps } from './steps.js';

const DEMO = fileURLToPath(new URL('../dist/demo.js', import.meta.url));

function runDemo(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEMO], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', MODELSTREAM_DEMO_JOB_MS: '300' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    // A hang guard, not a speed claim: about 15 s alone, several times that on a loaded 2-core machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 280_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('pnpm demo', () => {
  it('runs every step through the built CLI against the embedded emulator and exits 0', async () => {
    const { code, out } = await runDemo();
    expect(code, out).toBe(0);
    for (const [i, step] of demoSteps.entries()) {
      expect(out).toContain(`${i + 1}/${demoSteps.length} · ${step.title}`);
    }
    expect(out).toContain('$ modelstream ask');
    expect(out).toMatch(/job resp_\S+ completed/);
    expect(out).toMatch(/usage: \d+ prompt/);
    expect(out).toContain('"emulator": true');
    expect(out).toContain('$ modelstream wait --last');
    expect(out).toMatch(/^total: \d+ answers?, [\d,]+ tokens, \$/m);
    expect(out).toMatch(/Done in \d+\.\d s/);
  }, 300_000);
});
