import { createUndiciTransport, loadApiKey, readEnvironment } from '@modelstream-kit/core/node';
import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import {
  addConnectionOptions,
  addOutputOptions,
  CONNECTION_GROUP,
  type CommonValues,
  readCommonOptions,
} from '../common-options.js';
import { EMULATOR_KEY } from '../connection.js';
import { identifyProfile, PROFILES, type Profile } from '../doctor/findings.js';
import { probeGateway } from '../doctor/probe.js';
import { recordingTransport } from '../doctor/recording-transport.js';
import { type DoctorReport, renderReport, reportOk } from '../doctor/render.js';
import { settingsFor } from '../doctor/settings.js';
import { EXIT_CODES } from '../exit-codes.js';
import type { RunContext } from '../run-context.js';

interface DoctorValues
  extends Pick<CommonValues, 'output' | 'quiet' | 'apiKeyFile' | 'baseUrl' | 'emulator'> {
  spend?: boolean;
  profile?: string;
}

function readProfile(value: string | undefined): Profile | undefined {
  if (value === undefined) return undefined;
  if ((PROFILES as readonly string[]).includes(value)) return value as Profile;
  throw new CliError(`--profile: ${JSON.stringify(value)} is not allowed; use ${PROFILES.join(', ')}`);
}

export async function runDoctor(values: DoctorValues, ctx: RunContext): Promise<number> {
  const common = readCommonOptions(values);
  const profile = readProfile(values.profile);
  if (profile && !values.emulator)
    throw new CliError("--profile chooses the embedded emulator's behaviour; use it with --emulator");
  let baseUrl = common.baseUrl ?? readEnvironment(ctx.env).baseUrl ?? 'https://api.modelstream.ai';
  let apiKey = await loadApiKey({
    file: common.apiKeyFile,
    env: ctx.env,
    setting: '--api-key-file',
    required: false,
  });
  let stop: (() => Promise<void>) | undefined;
  if (values.emulator) {
    const { startEmulator } = await import('@modelstream-kit/emulator');
    const emulator = await startEmulator({
      port: 0,
      quiet: true,
      jobDurationMs: 300,
      ...(profile ? { profile } : {}),
    });
    baseUrl = emulator.url;
    apiKey = EMULATOR_KEY;
    stop = () => emulator.close();
  } else if (!apiKey) {
    throw new CliError(
      'doctor checks a real endpoint with your key: set MODELSTREAM_API_KEY (or --api-key-file), or try --emulator',
    );
  }
  if (apiKey) ctx.secrets.push(apiKey);
  ctx.abortable();
  const recorded = recordingTransport(createUndiciTransport(), () => Date.now());
  try {
    const say = (line: string) => {
      if (!common.quiet && common.output === 'text') ctx.stderr.write(`modelstream: ${line}\n`);
    };
    const { findings, checks } = await probeGateway({
      baseUrl,
      apiKey,
      transport: recorded.transport,
      exchanges: recorded.exchanges,
      env: ctx.env,
      // The emulator costs nothing, so its whole behaviour is always checked.
      spend: values.spend === true || values.emulator === true,
      say,
    });
    const identified = identifyProfile(findings);
    const report: DoctorReport = {
      checks,
      findings,
      profile: identified,
      settings: settingsFor(findings, identified),
    };
    ctx.stdout.write(
      common.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report),
    );
    return reportOk(report) ? EXIT_CODES.ok : EXIT_CODES.server;
  } finally {
    await stop?.();
  }
}

export function doctorCommand(ctx: RunContext, onExit: (code: number) => void): Command {
  const command = new Command('doctor')
    .description(
      'Check a ModelStream endpoint with your key: reachable over https, key accepted, model list, time to headers, proxy. ' +
        'With --spend, one tiny background request and one tiny stream (a fraction of a cent, estimated first) show ' +
        'which behaviour the gateway has (polling, cancel, streaming format, rate-limit headers) and the exact settings to use.',
    )
    .addOption(new Option('--spend', 'Also send two tiny billable requests (the estimate is printed first).'))
    .addOption(
      new Option(
        '--profile <name>',
        `With --emulator: the gateway behaviour to emulate (${PROFILES.join(', ')}).`,
      ).helpGroup(CONNECTION_GROUP),
    );
  addOutputOptions(command);
  addConnectionOptions(command, ['apiKeyFile', 'baseUrl', 'emulator']);
  command.action(async (values: DoctorValues) => {
    onExit(await runDoctor(values, ctx));
  });
  return command;
}
