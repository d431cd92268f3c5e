import { EXIT_CODE_HELP } from './exit-codes.js';

export const ENVIRONMENT_HELP: readonly (readonly [string, string])[] = [
  ['MODELSTREAM_API_KEY', 'the API key (ModelStream dashboard → API keys); never printed'],
  ['MODELSTREAM_BASE_URL', 'the API base URL (default https://api.modelstream.ai)'],
  [
    'MODELSTREAM_JOB_PATH',
    'where the gateway serves a background job, {id} replaced, as --job-path (default /v1/responses/{id})',
  ],
  ['MODELSTREAM_RETRY_BASE_MS', 'tuning: first retry pause without a Retry-After hint (default 500)'],
  ['MODELSTREAM_POLL_MS', 'tuning: first pause between polls of a background job (default 1000)'],
  [
    'MODELSTREAM_STATE_DIR',
    'where the job ledger (jobs.jsonl) is kept (default $XDG_STATE_HOME/modelstream, else ~/.local/state/modelstream)',
  ],
  ['MODELSTREAM_MAX_COST_USD', 'the cost ceiling in US dollars, as --max-cost'],
  ['MODELSTREAM_PRICE_MULTIPLIER', 'scales the list prices, as --price-multiplier'],
  ['MODELSTREAM_PRICE_TABLE', 'a JSON price table file, as --price-table'],
  ['MODELSTREAM_LOG_PROMPTS', 'true: keep whole prompts in the job ledger, as --log-prompts'],
];

export const EXAMPLES: readonly string[] = [
  'modelstream ask "Explain CRDTs in two paragraphs"',
  'git diff | modelstream ask "Summarise this change" --verbosity low',
  'modelstream ask "What is wrong in this screenshot?" --image ./screen.png',
  'modelstream ask --json "Three risks of this plan as {\\"risks\\": []}" < plan.md | jq .risks',
  'id=$(modelstream ask --no-wait "A long analysis" < report.txt); modelstream wait "$id"',
  'modelstream ask --emulator "Try it without a key"',
];

function table(rows: readonly (readonly [string | number, string])[]): string {
  const width = Math.max(...rows.map(([left]) => String(left).length));
  return rows.map(([left, right]) => `  ${String(left).padEnd(width)}  ${right}`).join('\n');
}

export function helpFooter(): string {
  return [
    '',
    'Examples:',
    ...EXAMPLES.map((e) => `  ${e}`),
    '',
    'Exit codes:',
    table(EXIT_CODE_HELP),
    '',
    'Environment:',
    table(ENVIRONMENT_HELP),
    '',
  ].join('\n');
}
