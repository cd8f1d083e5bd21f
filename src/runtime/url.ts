/** URL building: every URL the runtime requests is the org's origin plus a path and query it made or re-based. */

/** Percent-encode one path segment; `:` and `@` stay as they are (legal in a segment, and ORNs use `:`). */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/g, '@');
}

/** `a=b&c=d`, with spaces as %20 and quotes as %22 (encodeURIComponent), keys repeated for lists. */
export function encodeQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/**
 * Re-base a link (absolute on any host, or relative) onto the org: keep only its path and query.
 * Setting the pathname on a URL that already has the org's origin can't change the host, even for
 * a path such as `//elsewhere.example/x`.
 */
export function rebaseOnOrg(orgUrl: URL, href: string): URL {
  const parsed = new URL(href, orgUrl);
  const url = new URL(orgUrl.origin);
  url.pathname = parsed.pathname;
  url.search = parsed.search;
  return url;
}

export function orgUrlFor(orgUrl: URL, pathAndQuery: string): URL {
  const [path, query] = splitOnce(pathAndQuery, '?');
  const url = new URL(orgUrl.origin);
  url.pathname = path;
  if (query) url.search = query;
  return url;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
