#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_PORT } from './options.js';
import {
  DEFAULT_PROFILE,
  DEFAULT_PROFILE_SETTING,
  isProfileName,
  PROFILE_NAMES,
  type ProfileName,
} from './profiles.js';
import { startEmulator } from './server.js';

const HELP = `modelstream-emulator: a local ModelStream-compatible server (127.0.0.1 only)

Usage: modelstream-emulator [--port N] [--profile NAME] [--latency-ms N] [--stream-delay-ms N]
                            [--job-duration-ms N] [--idle-cut-ms N] [--keep-alive-ms N] [--quiet]

  --port N             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --latency-ms N       pause before every API answer (default 0)
  --stream-delay-ms N  pause between streamed chunks (default 0)
  --job-duration-ms N  time a background job takes to complete (default 1500)
  --profile NAME       how the gateway behaves where ModelStream documents nothing (default ${DEFAULT_PROFILE}):
                       ${PROFILE_NAMES.join(', ')}
  --idle-cut-ms N      proxied: cut a connection silent this long (default ${DEFAULT_PROFILE_SETTING.idleCutMs})
  --keep-alive-ms N    proxied: ": keep-alive" into a stream silent this long (default ${DEFAULT_PROFILE_SETTING.keepAliveMs})
  --quiet              no line per request
`;

function numberOption(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name}: "${value}" is not allowed; use a whole number >= ${min}\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'latency-ms': { type: 'string' },
        'stream-delay-ms': { type: 'string' },
        'job-duration-ms': { type: 'string' },
        profile: { type: 'string' },
        'idle-cut-ms': { type: 'string' },
        'keep-alive-ms': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const str = (key: string) => values[key] as string | undefined;
  const options = {
    port: numberOption('port', str('port')) ?? DEFAULT_PORT,
    latencyMs: numberOption('latency-ms', str('latency-ms')),
    streamDelayMs: numberOption('stream-delay-ms', str('stream-delay-ms')),
    jobDurationMs: numberOption('job-duration-ms', str('job-duration-ms')),
    idleCutMs: numberOption('idle-cut-ms', str('idle-cut-ms'), 1),
    keepAliveMs: numberOption('keep-alive-ms', str('keep-alive-ms'), 1),
  };
  const profile = str('profile') ?? DEFAULT_PROFILE;
  if (!isProfileName(profile)) {
    process.stderr.write(`--profile: "${profile}" is not a profile; use ${PROFILE_NAMES.join(', ')}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    port: options.port,
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.streamDelayMs !== undefined ? { streamDelayMs: options.streamDelayMs } : {}),
    ...(options.jobDurationMs !== undefined ? { jobDurationMs: options.jobDurationMs } : {}),
    ...(options.idleCutMs !== undefined ? { idleCutMs: options.idleCutMs } : {}),
    ...(options.keepAliveMs !== undefined ? { keepAliveMs: options.keepAliveMs } : {}),
    profile: profile as ProfileName,
    quiet: values.quiet === true,
  });
  process.stdout.write(
    `ModelStream emulator listening on ${emulator.url} (profile ${profile})\n` +
      `  MODELSTREAM_BASE_URL=${emulator.url} MODELSTREAM_API_KEY=sk-emulator-anything\n` +
      '  reserved keys: sk-emulator-401, sk-emulator-402, sk-emulator-403; control routes under /_emulator/\n',
  );
  const stop = () => {
    emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  process.stderr.write(
    code === 'EADDRINUSE'
      ? 'The port is in use: pick another with --port N (or --port 0 for any free one).\n'
      : `The emulator could not start: ${(error as Error).message}\n`,
  );
  process.exit(1);
});
