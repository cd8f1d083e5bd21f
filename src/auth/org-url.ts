import { ConnectionError } from '../model/errors.ts';

/** 127.0.0.0/8, localhost and ::1: the only hosts plain http is allowed for (the local simulator). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/**
 * The org's base URL, checked: https (plain http only on loopback), no credentials, no path, query or
 * fragment. A bare host ("acme.okta.com", as the Workflows connection dialog takes it) means https.
 */
export function parseOrgUrl(raw: string | URL): URL {
  const text = String(raw).trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConnectionError(`The org URL "${text}" is not a URL. Use the org's base URL, e.g. https://acme.okta.com.`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ConnectionError(
      `The org URL must use https:// (got http://${url.host}). Plain http is only allowed for a local simulator on 127.0.0.1, localhost or ::1.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectionError(`The org URL must use https:// (got ${url.protocol}//).`);
  }
  if (url.username || url.password) {
    throw new ConnectionError('The org URL must not contain a user name or password; give credentials through the connection.');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConnectionError(`The org URL must be the base URL only, e.g. ${url.origin} (drop "${url.pathname}${url.search}${url.hash}").`);
  }
  return new URL(url.origin);
}
