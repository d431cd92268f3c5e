import { createNodeDispatcher, proxyFromEnvironment } from '@modelstream-kit/core/node';
import { fetch as undiciFetch } from 'undici';

export interface EnvironmentFetch {
  fetch: typeof fetch;
  /** Closes the proxy's keep-alive sockets, so they do not hold the process open after the run. */
  close(): Promise<void>;
}

/**
 * Node's own `fetch` ignores HTTPS_PROXY: on a runner behind a proxy the GitHub API is reached through
 * the same proxy as ModelStream (undici's EnvHttpProxyAgent, NO_PROXY honoured). Without a proxy, Node's
 * `fetch` as it is.
 */
export function fetchForEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentFetch {
  if (!proxyFromEnvironment(env)) return { fetch, close: async () => {} };
  const dispatcher = createNodeDispatcher(env);
  return {
    fetch: ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch,
    close: () => dispatcher.close(),
  };
}
