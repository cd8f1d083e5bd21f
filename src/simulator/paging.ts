/**
 * Lists as the wire has them (API-NOTES §2): filter and orderBy parsed per list, `after` = the id of
 * the last item of the previous page, `limit` bounds, `{data, _links:{self, next?}}` plus one `Link`
 * header line per rel, and defaults echoed into `self`.
 */
import { href, link, type Ctx, type HalLink } from './core.ts';
import { checkFilter, matches, parseFilter, parseOrderBy, readPath, type Accessor, type FilterSpec } from './filter.ts';
import { errors, type Headers, type Reply } from './wire.ts';

export type CursorFormat = 'hex24' | 'len20' | 'any';

export interface ListSpec<T> {
  id: (item: T) => string;
  /** Absent: the list takes no limit/after and returns everything (labels). */
  paging?: { cursor: CursorFormat; maxLimit?: number; defaultLimit?: number };
  filter?: { spec: FilterSpec; required?: boolean; read?: Accessor<T> };
  orderBy?: { keys: Record<string, (item: T) => string | number>; default?: string };
  /** Order when no orderBy applies (default: as stored). */
  sort?: (a: T, b: T) => number;
}

export interface Page<T> {
  items: T[];
  /** Query of this page (request query + echoed defaults), and of the next one when there is more. */
  selfQuery: string;
  nextQuery?: string;
  /** Items matching the filter, on every page. */
  total: number;
}

function encodeQuery(params: [string, string][]): string {
  if (params.length === 0) return '';
  return `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

function parseLimit(raw: string | null, max: number, fallback: number): number {
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw errors.paging({ summary: `limit must be a whole number from 1 to ${max}, got "${raw}"`, reason: 'INVALID_DATA_TYPE', location: 'limit', locationType: 'query' });
  }
  const n = Number(raw);
  if (n < 1 || n > max) {
    throw errors.paging({ summary: `limit must be from 1 to ${max}, got ${n}`, reason: n < 1 ? 'INVALID_NUMBER_UNDER_MIN' : 'INVALID_NUMBER_OVER_MAX', location: 'limit', locationType: 'query' });
  }
  return n;
}

function checkCursor(after: string, format: CursorFormat): void {
  const bad = (reason: string, summary: string) => errors.paging({ summary, reason, location: 'after', locationType: 'query' });
  if (after === '') throw bad('EMPTY_PARAMETER', 'after must not be empty; pass the cursor of the next link or leave after out');
  if (format === 'hex24') {
    if (after.length < 24) throw bad('INVALID_STRING_LENGTH_UNDER_MIN', 'after must be 24 hexadecimal characters');
    if (!/^[a-fA-F0-9]{24}$/.test(after)) throw bad('STRING_FORMAT_INVALID', 'after must be 24 hexadecimal characters');
  }
  if (format === 'len20' && !/^[0-9a-zA-Z]{20}$/.test(after)) throw bad('STRING_FORMAT_INVALID', 'after must be an id of 20 letters and digits');
}

/** Filters, sorts and cuts one page out of `all`; throws the real 400s on bad list parameters. */
export function page<T>(ctx: Ctx, all: readonly T[], spec: ListSpec<T>): Page<T> {
  const q = ctx.query;
  let items = [...all];

  const filterRaw = q.get('filter');
  if (spec.filter) {
    if (filterRaw === null || filterRaw.trim() === '') {
      if (spec.filter.required) throw errors.missingParameter('filter', `filter is required here, e.g. ${Object.keys(spec.filter.spec)[0]} eq "…"`);
    } else {
      const node = parseFilter(filterRaw);
      checkFilter(node, spec.filter.spec);
      const read = spec.filter.read ?? (readPath as Accessor<T>);
      items = items.filter((item) => matches(node, item, read));
    }
  }

  const echoed: [string, string][] = [...q.entries()];
  if (spec.orderBy) {
    const given = q.getAll('orderBy');
    if (given.length > 1) {
      throw errors.paging({ summary: 'orderBy takes one sort key', reason: 'STRING_FORMAT_INVALID', location: 'orderBy', locationType: 'query' });
    }
    const raw = given[0] ?? spec.orderBy.default;
    if (given.length === 0 && spec.orderBy.default) echoed.push(['orderBy', spec.orderBy.default]);
    if (raw !== undefined) {
      const order = parseOrderBy(raw, Object.keys(spec.orderBy.keys));
      const key = spec.orderBy.keys[order.key]!;
      const sign = order.direction === 'desc' ? -1 : 1;
      items.sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        // Ties keep the stored order (creation order), so pages stay stable.
        return sign * (typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb)));
      });
    } else if (spec.sort) {
      items.sort(spec.sort);
    }
  } else if (spec.sort) {
    items.sort(spec.sort);
  }

  if (!spec.paging) return { items, selfQuery: encodeQuery(echoed), total: items.length };

  const limit = parseLimit(q.get('limit'), spec.paging.maxLimit ?? 200, spec.paging.defaultLimit ?? 20);
  const after = q.get('after');
  let start = 0;
  if (after !== null) {
    checkCursor(after, spec.paging.cursor);
    const index = items.findIndex((item) => spec.id(item) === after);
    if (index < 0) {
      throw errors.paging({ summary: `after "${after}" is not an item of this list; follow the next link instead of building cursors`, reason: 'IDENTIFIER_NOT_FOUND', location: 'after', locationType: 'query' });
    }
    start = index + 1;
  }
  const slice = items.slice(start, start + limit);
  const result: Page<T> = { items: slice, selfQuery: encodeQuery(echoed), total: items.length };
  if (start + limit < items.length && slice.length > 0) {
    const next: [string, string][] = [['after', spec.id(slice[slice.length - 1]!)], ...echoed.filter(([k]) => k !== 'after')];
    result.nextQuery = encodeQuery(next);
  }
  return result;
}

export interface EnvelopeOptions {
  /** Extra rels in `_links` and the Link header (catalog entries add atspoke and match). */
  extraLinks?: Record<string, string>;
  /** Extra top-level keys (metadata …). */
  extra?: Record<string, unknown>;
  /** Leave out the Link header (some real lists send none). */
  noLinkHeader?: boolean;
}

export function linkHeader(rels: Record<string, string>): string[] {
  return Object.entries(rels).map(([rel, url]) => `<${url}>; rel="${rel}"`);
}

/** `{data, _links}` + Link headers for one page. */
export function envelope<T>(ctx: Ctx, p: Page<T>, render: (item: T) => unknown, options: EnvelopeOptions = {}): Reply {
  const rels: Record<string, string> = { self: href(ctx.core, `${ctx.path}${p.selfQuery}`) };
  if (p.nextQuery) rels.next = href(ctx.core, `${ctx.path}${p.nextQuery}`);
  Object.assign(rels, options.extraLinks);
  const links: Record<string, HalLink> = Object.fromEntries(Object.entries(rels).map(([rel, url]) => [rel, { href: url, hints: {} }]));
  const headers: Headers = options.noLinkHeader ? {} : { Link: linkHeader(rels) };
  return { status: 200, body: { data: p.items.map(render), _links: links, ...options.extra }, headers };
}

/** A single object's self link, as body `_links.self` and a `Link` header. */
export function selfLink(ctx: Ctx, path: string): { link: HalLink; headers: Headers } {
  const l = link(ctx.core, path);
  return { link: l, headers: { Link: linkHeader({ self: l.href }) } };
}
