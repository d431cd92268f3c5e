#!/usr/bin/env node
import { redactSecrets } from '@modelstream-kit/core';
import { main } from './main.js';

// `modelstream ask ... | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `modelstream: unexpected failure: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`,
    );
    process.exitCode = 1;
  },
);
