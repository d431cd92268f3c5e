import { Agent, type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import { headersFrom } from '../http/headers-from.js';
import { toTransportFailure } from '../http/to-transport-failure.js';
import type { Transport } from '../http/transport.js';

async function* mapBodyErrors(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw toTransportFailure(error);
  }
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/** The proxy the environment asks for (HTTPS_PROXY, then HTTP_PROXY, either case), if any. */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const name of PROXY_VARIABLES) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

const agentOptions = { keepAliveTimeout: 4_000, connect: { timeout: 10_000 } };

/**
 * A keep-alive dispatcher for these settings: undici's EnvHttpProxyAgent when a proxy is set (NO_PROXY
 * honoured; every request goes through a CONNECT tunnel, so the proxy never sees the key), else an Agent.
 */
export function createNodeDispatcher(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  if (!proxyFromEnvironment(env)) return new Agent(agentOptions);
  const get = (upper: string) => env[upper] ?? env[upper.toLowerCase()];
  return new EnvHttpProxyAgent({
    ...agentOptions,
    proxyTunnel: true,
    ...(get('HTTP_PROXY') ? { httpProxy: get('HTTP_PROXY') } : {}),
    ...(get('HTTPS_PROXY') ? { httpsProxy: get('HTTPS_PROXY') } : {}),
    ...(get('NO_PROXY') !== undefined ? { noProxy: get('NO_PROXY') } : {}),
  });
}

let sharedAgent: Dispatcher | undefined;

/** One keep-alive dispatcher for the process (through the environment's proxy when set). */
export function defaultAgent(): Dispatcher {
  sharedAgent ??= createNodeDispatcher(process.env);
  return sharedAgent;
}

/** Closes the shared dispatcher's sockets (tests, benchmarks, short-lived commands). */
export async function closeDefaultAgent(): Promise<void> {
  const agent = sharedAgent;
  sharedAgent = undefined;
  await agent?.close();
}

/**
 * The Node transport: undici's `request` with the call's phase timeouts, on the given dispatcher or the
 * process's shared one (which follows the process's proxy settings).
 */
export function createUndiciTransport(options: { dispatcher?: Dispatcher } = {}): Transport {
  const dispatcher = () => options.dispatcher ?? defaultAgent();
  return async (req) => {
    try {
      const response = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal: req.signal,
        headersTimeout: req.headersTimeoutMs,
        bodyTimeout: req.bodyTimeoutMs,
        dispatcher: dispatcher(),
      });
      return {
        status: response.statusCode,
        headers: headersFrom(response.headers),
        body: mapBodyErrors(response.body),
        text: () => response.body.text().catch((error: unknown) => Promise.reject(toTransportFailure(error))),
      };
    } catch (error) {
      throw toTransportFailure(error);
    }
  };
}
