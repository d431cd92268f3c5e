import {
  AuthenticationError,
  BadRequestError,
  checkCredentials,
  createClient,
  estimateCost,
  gpt54Pro,
  type ModelStreamClient,
  PermissionDeniedError,
  QuotaExceededError,
  resolvePricing,
  type Transport,
} from '@modelstream-kit/core';
import { readEnvironmentOptions, timerClock } from '@modelstream-kit/core/node';
import { type Check, type Findings, FRONT_HEADERS, type SpendFindings } from './findings.js';
import { proxyInUse } from './proxy-in-use.js';
import type { Exchange } from './recording-transport.js';

/** The cheapest request that still shows how the gateway behaves: a word, medium effort, 16 tokens. */
export const PROBE_PARAMS = {
  prompt: 'Reply with the single word: ok',
  reasoning_effort: 'medium',
  max_output_tokens: 16,
} as const;

const RATE_LIMIT_HEADER = /ratelimit|retry-after/i;

export interface ProbeInput {
  baseUrl: string;
  apiKey: string | undefined;
  transport: Transport;
  exchanges: Exchange[];
  env: NodeJS.ProcessEnv;
  spend: boolean;
  /** Lines as they happen (the estimate before any spending). */
  say: (line: string) => void;
}

const redactProxy = (url: string) => url.replace(/\/\/[^@/]*@/, '//[credentials]@');

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs every check; returns what it found and one line per check. Only `spend` sends billable requests. */
export async function probeGateway(input: ProbeInput): Promise<{ findings: Findings; checks: Check[] }> {
  const checks: Check[] = [];
  const client = createClient({
    transport: input.transport,
    clock: timerClock,
    apiKey: input.apiKey,
    baseUrl: input.baseUrl,
    ...readEnvironmentOptions(input.env),
    maxRetries: 1,
    timeouts: { headersMs: 30_000, deadlineMs: 120_000 },
  });
  const route = proxyInUse(client.baseUrl, input.env);
  const findings: Findings = {
    baseUrl: client.baseUrl,
    proxy: route.proxy ? redactProxy(route.proxy) : undefined,
    headersMs: undefined,
    keyAccepted: false,
    models: { present: false },
    rateLimitHeaders: [],
    requestIdHeader: false,
    frontHeaders: [],
  };
  checks.push({
    name: 'base URL',
    status: client.baseUrl.startsWith('https://') ? 'ok' : 'warn',
    detail: client.baseUrl.startsWith('https://')
      ? `${client.baseUrl} over https`
      : `${client.baseUrl} (plain http: loopback only)`,
  });
  checks.push({
    name: 'proxy',
    status: 'ok',
    detail:
      route.proxy === undefined
        ? `none (${route.why})`
        : `through ${findings.proxy} (${route.variable}, CONNECT tunnel)`,
  });

  try {
    const credentials = await checkCredentials(client);
    findings.keyAccepted = true;
    findings.models = {
      present: credentials.via === 'models',
      ...(credentials.models ? { count: credentials.models.length } : {}),
      ...(credentials.modelListed !== undefined ? { listed: credentials.modelListed } : {}),
    };
    checks.push({ name: 'key', status: 'ok', detail: credentials.note });
    checks.push({
      name: 'model list',
      status: credentials.via === 'models' ? (credentials.modelListed ? 'ok' : 'warn') : 'warn',
      detail:
        credentials.via === 'models'
          ? `GET ${client.paths().models}: ${credentials.models?.length} models, ${gpt54Pro.id} ${credentials.modelListed ? 'listed' : 'not listed'}`
          : `GET ${client.paths().models} answers 404 (not offered here)`,
    });
  } catch (error) {
    const refused =
      error instanceof AuthenticationError ||
      error instanceof PermissionDeniedError ||
      error instanceof QuotaExceededError;
    checks.push({ name: 'key', status: 'fail', detail: describeError(error) });
    if (!refused)
      checks.push({
        name: 'reachable',
        status: 'fail',
        detail: `${client.baseUrl} did not answer as ModelStream does`,
      });
  }
  const first = input.exchanges[0];
  if (first?.status !== undefined) {
    findings.headersMs = first.headersMs;
    checks.push({
      name: 'time to headers',
      status: 'ok',
      detail: `${first.headersMs} ms for GET ${first.path}`,
    });
  }

  if (findings.keyAccepted && input.spend) findings.spend = await spendProbe(client, input, checks);
  else if (findings.keyAccepted) {
    checks.push({
      name: 'background, polling, cancel, streaming',
      status: 'skip',
      detail:
        'not checked: add --spend (one tiny background request and one tiny stream, a fraction of a cent)',
    });
  }

  const names = new Set(input.exchanges.flatMap((e) => e.headerNames));
  findings.rateLimitHeaders = [...names].filter((n) => RATE_LIMIT_HEADER.test(n)).sort();
  findings.requestIdHeader = names.has('x-request-id');
  findings.frontHeaders = FRONT_HEADERS.filter((name) => names.has(name));
  if (findings.frontHeaders.length > 0) {
    checks.push({
      name: 'in front',
      status: 'ok',
      detail: `a proxy or CDN (${findings.frontHeaders.join(', ')} headers)`,
    });
  }
  checks.push({
    name: 'rate-limit headers',
    status: 'ok',
    detail:
      findings.rateLimitHeaders.length > 0
        ? findings.rateLimitHeaders.join(', ')
        : 'none seen (Retry-After is honoured when sent)',
  });
  return { findings, checks };
}

async function spendProbe(
  client: ModelStreamClient,
  input: ProbeInput,
  checks: Check[],
): Promise<SpendFindings> {
  const pricing = resolvePricing(gpt54Pro);
  // The o200k tables are large: loaded only by a run that spends, not by every command.
  const { countTokens } = await import('@modelstream-kit/core/tokens');
  const estimate = estimateCost(gpt54Pro, PROBE_PARAMS, { pricing, countTokens }).worstCase;
  input.say(
    `spending: two requests of at most $${(estimate.total * 2).toFixed(4)} in all (${estimate.source})`,
  );
  const spend: SpendFindings = {
    estimate,
    background: 'failed',
    cancel: 'untested',
    stream: { format: 'failed', keepAlive: false, done: false, usage: false },
  };
  try {
    const started = await client.start(PROBE_PARAMS);
    spend.jobId = started.id;
    if (started.completion) {
      spend.background = 'sync';
      spend.spent = started.completion.cost;
      checks.push({
        name: 'background',
        status: 'warn',
        detail: 'answered at once: this gateway runs background requests in the foreground',
      });
    } else {
      spend.background = 'job';
      const completion = await client.wait(started.id, { maxWaitMs: 110_000 });
      spend.pollPath = client.paths().job;
      spend.spent = completion.cost;
      checks.push({
        name: 'background',
        status: 'ok',
        detail: `job ${started.id}, polled at GET ${spend.pollPath}, ended ${completion.status}`,
      });
      spend.cancel = await cancelWorks(client, started.id);
      checks.push({
        name: 'cancel',
        status: spend.cancel === 'works' ? 'ok' : 'warn',
        detail:
          spend.cancel === 'works'
            ? `POST ${client.paths().cancel} answers`
            : `POST ${client.paths().cancel} answers 404`,
      });
    }
  } catch (error) {
    if (error instanceof BadRequestError && error.param === 'background') {
      spend.background = 'refused';
      checks.push({
        name: 'background',
        status: 'warn',
        detail: 'refused (400 naming background): ask directly with background false',
      });
    } else checks.push({ name: 'background', status: 'fail', detail: describeError(error) });
  }
  spend.stream = await streamProbe(client, input);
  checks.push({
    name: 'streaming',
    status: spend.stream.format === 'sse' ? 'ok' : 'warn',
    detail:
      spend.stream.format === 'sse'
        ? `text/event-stream, data: chunks${spend.stream.usage ? ' with a usage chunk' : ''}${spend.stream.done ? ', ends with [DONE]' : ''}${spend.stream.keepAlive ? ', keep-alive comments (a proxy or CDN in front)' : ''}`
        : spend.stream.format === 'json'
          ? 'stream: true answered with one JSON body (the kit reads it as the whole answer)'
          : 'the streamed request failed',
  });
  return spend;
}

async function cancelWorks(client: ModelStreamClient, id: string): Promise<'works' | 'missing'> {
  try {
    await client.cancel(id);
    return 'works';
  } catch (error) {
    return error instanceof BadRequestError && error.status === 404 && error.code !== 'not_found'
      ? 'missing'
      : 'works';
  }
}

async function streamProbe(client: ModelStreamClient, input: ProbeInput): Promise<SpendFindings['stream']> {
  const before = input.exchanges.length;
  try {
    for await (const _event of client.stream({ ...PROBE_PARAMS })) {
      // Only what went over the wire matters here.
    }
  } catch {
    return { format: 'failed', keepAlive: false, done: false, usage: false };
  }
  const exchange = input.exchanges.slice(before).find((e) => e.method === 'POST');
  const raw = exchange?.bodyStart ?? '';
  if (!exchange?.contentType?.includes('text/event-stream'))
    return { format: 'json', keepAlive: false, done: false, usage: false };
  return {
    format: 'sse',
    keepAlive: /^:/m.test(raw),
    done: raw.includes('data: [DONE]'),
    usage: /"usage"\s*:\s*\{/.test(raw),
  };
}
