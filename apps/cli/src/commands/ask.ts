import { readFile } from 'node:fs/promises';
import {
  type Completion,
  type Delivery,
  gpt54Pro,
  type ModelSpec,
  paramWithRole,
  resolveDelivery,
  validateParams,
  withDelivery,
} from '@modelstream-kit/core';
import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import {
  addConnectionOptions,
  addCostOptions,
  addMaxWaitOption,
  addOutputOptions,
  type CommonValues,
  JOB_GROUP,
  OUTPUT_GROUP,
  readCommonOptions,
} from '../common-options.js';
import { connect } from '../connection.js';
import { imageToUrl } from '../image-input.js';
import { paramOptions, paramsFromFlags } from '../param-flags.js';
import { createProgress } from '../progress.js';
import { resolvePrompt } from '../prompt-input.js';
import type { RunContext } from '../run-context.js';
import { executeRun, executeStream } from './execute.js';
import { reportAnswer } from './report.js';

export const INPUT_GROUP = 'Input:';

interface AskValues extends CommonValues {
  systemPromptFile?: string;
  image?: string[];
  json?: boolean;
  wait?: boolean;
  keepJob?: boolean;
  [param: string]: unknown;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Plain, streamed or background: the flags decide, else the model's preference (the core's rules). */
export function chooseDelivery(model: ModelSpec, params: Record<string, unknown>, noWait: boolean): Delivery {
  if (noWait && (params.stream === true || params.background === false)) {
    throw new CliError(
      '--no-wait starts a background job; it cannot be used with --stream or --no-background',
    );
  }
  return noWait ? 'background' : resolveDelivery(model, params);
}

/** Everything a person typed, read and checked against the spec before anything is sent. */
async function buildParams(
  model: ModelSpec,
  promptArgument: string | undefined,
  values: AskValues,
  ctx: RunContext,
): Promise<Record<string, unknown>> {
  const params = paramsFromFlags(model, values);
  if (values.systemPromptFile !== undefined) {
    if (params.system_prompt !== undefined) {
      throw new CliError('--system-prompt and --system-prompt-file cannot be used together; pick one');
    }
    params.system_prompt = await readFile(values.systemPromptFile, 'utf8').catch(
      (error: { code?: string }) => {
        throw new CliError(
          `--system-prompt-file: cannot read ${JSON.stringify(values.systemPromptFile)} (${error.code ?? 'unreadable'})`,
        );
      },
    );
  }
  if (values.json) {
    if (params.response_format !== undefined && params.response_format !== 'json_object') {
      throw new CliError(
        `--json asks for response_format json_object; it cannot be used with --response-format ${String(params.response_format)}`,
      );
    }
    params.response_format = 'json_object';
  }
  const images = [...((params.image_urls as string[] | undefined) ?? []), ...(values.image ?? [])];
  if (images.length > 0)
    params.image_urls = await Promise.all(images.map((item) => imageToUrl(item, ctx.cwd)));
  params.prompt = await resolvePrompt(promptArgument, ctx.stdin);
  return params;
}

export async function runAsk(
  promptArgument: string | undefined,
  values: AskValues,
  ctx: RunContext,
): Promise<number> {
  const model = gpt54Pro;
  const common = readCommonOptions(values);
  const noWait = values.wait === false;
  const raw = await buildParams(model, promptArgument, values, ctx);
  const delivery = chooseDelivery(model, raw, noWait);
  // Checked here as the request will carry them, so the spec's message shows before anything is sent.
  const params = validateParams(model, withDelivery(raw, delivery));
  const wantsJson = params.response_format === 'json_object';

  const connection = await connect(common, ctx.env);
  ctx.secrets.push(...connection.secrets);
  ctx.abortable();
  const progress = createProgress({ stream: ctx.stderr, quiet: common.quiet });
  const execute = { signal: ctx.signal, progress, ...common };
  const report = (completion: Completion, streamed: boolean) =>
    reportAnswer(ctx, progress, completion, { output: common.output, json: wantsJson, streamed });
  try {
    const estimate = connection.costGuard?.check(params);
    if (estimate) progress.note(estimate);
    if (delivery === 'stream') {
      const completion = await executeStream(
        connection.client,
        params,
        execute,
        (text) => {
          if (common.output === 'text') ctx.stdout.write(text);
        },
        common.output === 'json' || wantsJson,
      );
      return report(completion, true);
    }
    const result = await executeRun(
      connection.client,
      params,
      { delivery, noWait, cancelOnAbort: !values.keepJob, json: wantsJson },
      execute,
    );
    if (result.status === 'completed') return report(result.completion, false);
    const { job } = result;
    ctx.stdout.write(
      common.output === 'json' ? `${JSON.stringify({ id: job.id, status: job.status })}\n` : `${job.id}\n`,
    );
    progress.note(
      connection.viaEmulator
        ? `job ${job.id} started on the embedded emulator, which stops with this command: it cannot be collected later`
        : `job ${job.id} ${job.status}; collect it with: modelstream wait ${job.id} (or modelstream wait --last)`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

export function askCommand(ctx: RunContext, onExit: (code: number) => void): Command {
  const model = gpt54Pro;
  const promptHelp = paramWithRole(model, 'prompt')?.description ?? 'The prompt.';
  const command = new Command('ask')
    .summary(`Ask ${model.label}: the answer on stdout, progress and usage on stderr.`)
    .description(
      `Ask ${model.label} (${model.id}). The answer goes to stdout; progress, notes and usage to stderr.\n` +
        `${model.label} answers can take minutes, so by default this starts a background job and waits for ` +
        'it (Ctrl-C cancels it); --stream or --no-background ask directly instead.',
    )
    .argument(
      '[prompt]',
      `${promptHelp} Use - or leave it out to read stdin; with both, stdin is added after it.`,
    )
    .addOption(
      new Option('--system-prompt-file <file>', 'Read system_prompt from this file.').helpGroup(INPUT_GROUP),
    )
    .addOption(
      new Option(
        '--image <url|file>',
        'An image: a URL, or a PNG/JPEG/GIF/WebP file sent as a data URL. Repeatable.',
      )
        .argParser(collect)
        .helpGroup(INPUT_GROUP),
    );
  for (const option of paramOptions(model)) command.addOption(option);
  command
    .addOption(
      new Option(
        '--no-wait',
        'Start a background job, print its id and exit; collect it with `modelstream wait ID`.',
      ).helpGroup(JOB_GROUP),
    )
    .addOption(
      new Option(
        '--keep-job',
        'On Ctrl-C, leave the background job running (and print its id) instead of cancelling it.',
      ).helpGroup(JOB_GROUP),
    );
  addMaxWaitOption(command);
  command.addOption(
    new Option(
      '--json',
      'Ask for a JSON object (response_format json_object) and print it parsed and indented.',
    ).helpGroup(OUTPUT_GROUP),
  );
  addOutputOptions(command);
  addCostOptions(command, true);
  addConnectionOptions(command);
  command.action(async (prompt: string | undefined, values: AskValues) => {
    onExit(await runAsk(prompt, values, ctx));
  });
  return command;
}
