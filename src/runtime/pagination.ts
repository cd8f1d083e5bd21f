import type { HeaderReader } from '../auth/connection.ts';
import { nextFromLinkHeader } from './link-header.ts';

/**
 * Where the next page is, as the server wrote it: body `_links.next.href`, body `links.next.href`
 * (the teams backend, where `next: {}` means no more), or a `Link: <…>; rel="next"` header.
 * The caller re-bases it onto the org; the runtime never builds a cursor itself.
 */
export function nextPageHref(body: unknown, headers: HeaderReader): string | undefined {
  return hrefIn(body, '_links') ?? hrefIn(body, 'links') ?? nextFromLinkHeader(headers.get('link'));
}

function hrefIn(body: unknown, key: '_links' | 'links'): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const next = (body as Record<string, { next?: { href?: unknown } } | undefined>)[key]?.next;
  return typeof next?.href === 'string' && next.href.trim() ? next.href.trim() : undefined;
}
