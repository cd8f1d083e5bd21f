/**
 * RFC 8288 `Link` header values. fetch joins repeated header lines with ", ", so one value can hold
 * several links; commas inside `<…>` or inside quoted parameters don't split links.
 *
 * (The only parser installed, parse-link-header, comes in through a dev dependency and silently
 * returns nothing for headers over 2000 characters, which would end a long-filter listing after
 * its first page; hence this small one.)
 */
export interface LinkValue {
  href: string;
  params: Record<string, string>;
}

export function parseLinkHeader(header: string): LinkValue[] {
  const links: LinkValue[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && /\s/.test(header[i]!)) i++;
  };
  while (i < n) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    if (header[i] !== '<') {
      // Not a link: skip to the next one.
      const next = header.indexOf(',', i);
      i = next < 0 ? n : next + 1;
      continue;
    }
    const close = header.indexOf('>', i);
    if (close < 0) break;
    const link: LinkValue = { href: header.slice(i + 1, close).trim(), params: {} };
    i = close + 1;
    for (;;) {
      skipSpace();
      if (header[i] !== ';') break;
      i++;
      skipSpace();
      const nameStart = i;
      while (i < n && !/[=;,\s]/.test(header[i]!)) i++;
      const name = header.slice(nameStart, i).toLowerCase();
      skipSpace();
      let value = '';
      if (header[i] === '=') {
        i++;
        skipSpace();
        if (header[i] === '"') {
          i++;
          while (i < n && header[i] !== '"') {
            if (header[i] === '\\' && i + 1 < n) i++;
            value += header[i];
            i++;
          }
          i++;
        } else {
          const start = i;
          while (i < n && !/[;,\s]/.test(header[i]!)) i++;
          value = header.slice(start, i);
        }
      }
      if (name && !(name in link.params)) link.params[name] = value;
    }
    links.push(link);
  }
  return links;
}

/** The target of the first link whose rel includes "next" (rel may list several, e.g. "next last"). */
export function nextFromLinkHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  return parseLinkHeader(header).find((l) => (l.params.rel ?? '').toLowerCase().split(/\s+/).includes('next'))?.href;
}
