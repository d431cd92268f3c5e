#!/usr/bin/env node
import { runDemo } from './run-demo.js';

// MODELSTREAM_DEMO_JOB_MS shortens the emulator's background jobs (the demo's own test uses it).
const jobMs = Number(process.env.MODELSTREAM_DEMO_JOB_MS);

runDemo(Number.isFinite(jobMs) && jobMs > 0 ? { jobDurationMs: jobMs } : {}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
