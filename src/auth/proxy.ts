import type { Agent } from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their lower-case forms), as the Okta SDK and curl read
 * them: proxy-from-env picks the proxy for a URL, https-proxy-agent tunnels HTTPS through it with
 * CONNECT (the proxy sees only the host name; the credential travels inside TLS to the org) and
 * http-proxy-agent forwards plain HTTP. The agents are loaded only when a proxy is configured and
 * kept per proxy, with keep-alive. Returns undefined for a direct connection.
 */
const agents = new Map<string, Promise<Agent>>();

export function agentFor(url: URL): Promise<Agent> | undefined {
  if (!hasProxyVariable()) return undefined;
  const proxy = getProxyForUrl(url.href);
  if (!proxy) return undefined;
  const key = `${url.protocol}${proxy}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = url.protocol === 'https:'
      ? import('https-proxy-agent').then(({ HttpsProxyAgent }) => new HttpsProxyAgent(proxy, { keepAlive: true }))
      : import('http-proxy-agent').then(({ HttpProxyAgent }) => new HttpProxyAgent(proxy, { keepAlive: true }));
    agents.set(key, agent);
  }
  return agent;
}

const NAMES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

/** The common case (no proxy) costs one look at the environment, not a URL parse. */
function hasProxyVariable(): boolean {
  for (const name of NAMES) if (process.env[name]) return true;
  return false;
}
