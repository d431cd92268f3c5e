/**
 * The proxy a request to `baseUrl` goes through, as undici's EnvHttpProxyAgent chooses it: HTTPS_PROXY
 * for https URLs, HTTP_PROXY for http ones (either case), none when NO_PROXY names the host.
 */
export function proxyInUse(
  baseUrl: string,
  env: NodeJS.ProcessEnv,
): { proxy: string; variable: string } | { proxy: undefined; why: string } {
  const url = new URL(baseUrl);
  const names = url.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  const variable = names.find((name) => env[name]?.trim());
  if (!variable) return { proxy: undefined, why: `${names[0]} unset` };
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(/[\s,]+/)
    .map((entry) =>
      entry
        .trim()
        .toLowerCase()
        .replace(/:\d+$/, '')
        .replace(/^\*?\./, ''),
    )
    .filter(Boolean);
  const skipped = noProxy.find((entry) => entry === '*' || host === entry || host.endsWith(`.${entry}`));
  if (skipped) return { proxy: undefined, why: `NO_PROXY covers ${host}` };
  return { proxy: env[variable]!.trim(), variable };
}
