/**
 * Card-independent helper flows every list card's helper relies on:
 * - "Read page": a list response → its records, their count, and the relative URL of the next page.
 * - "Read all pages": follows next pages and collects every record, calling itself once per page —
 *   the way the MIT-licensed pagination example (JacobDWaters/Okta-Workflows) recurses.
 *
 * The next page is found the way Okta's SDKs do it: body `_links.next.href` (governance lists),
 * body `links.next.href` (teams), else the `Link` header's rel="next" (core Okta lists such as users).
 * Only its path and query are kept, so the next call goes to the connection's own org even when
 * Okta writes links on the `-admin` host.
 */
import type { FlowData } from './format.ts';
import { FlowBuilder, literal, type FieldSpec } from './flow-builder.ts';
import {
  callFlow,
  compose,
  contextFields,
  customApiAction,
  failIf,
  find,
  get,
  length,
  makeRef,
  returnValues,
  segment,
  spec,
  split,
  takeItem,
  union,
  urlParse,
  type HelperRef,
} from './steps.ts';

export interface FlowPlan {
  ref: HelperRef;
  description: string;
  build(group: string, config: string): FlowData;
}

const items: FieldSpec = { key: 'items', type: 'object', list: true, label: 'Records', custom: true };
/** Where the records are, as an Object Get path ("entitlementHistory"); empty for `data` or a bare list. */
const itemsAt: FieldSpec = { key: 'itemsAt', type: 'string', label: 'Records at (path; empty for data)', custom: true };

export function readPageFlow(): FlowPlan {
  const role = 'support:read-page';
  const takes: FieldSpec[] = [
    { key: 'body', type: 'object', label: 'Body', custom: true, required: true },
    { key: 'headers', type: 'object', label: 'Headers', custom: true },
    itemsAt,
  ];
  const returns: FieldSpec[] = [items, { key: 'next', type: 'string', label: 'Next page (relative URL)' }, { key: 'count', type: 'number', label: 'Records on this page' }];
  const ref = makeRef(role, 'OIG support · Read page', takes, returns);
  return {
    ref,
    description:
      'Takes the body and headers of a list response (and, for a list whose records are not in data, the path to them); returns its records, how many, and the relative URL of the next page (empty on the last page).',
    build(group) {
      const fb = new FlowBuilder(role);
      const trigger = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const body = trigger.out('body', null);
      const headers = trigger.out('headers', null);

      // Governance lists wrap records in {data: […]}; core Okta lists are a bare JSON list.
      const records = fb.ifElse('records', { a: body, op: 'has', b: literal('data') }, { items: { type: 'object', list: true } }, {
        then: () => ({ items: get(fb, 'records/data', body, 'data', 'object', true, 'Records (data)') }),
        else: () => ({ items: body }),
      });
      // A list that keeps its records elsewhere (e.g. entitlementHistory) says where.
      const itemsPath = trigger.out('itemsAt', null);
      const located = fb.ifElse('records-at', { a: itemsPath, op: 'is empty' }, { items: { type: 'object', list: true } }, {
        then: () => ({ items: records.out('items') }),
        else: () => ({ items: get(fb, 'records/at', body, itemsPath, 'object', true, 'Records (at the given path)') }),
      });
      const count = length(fb, 'count', located.out('items'), 'Count records');

      const inBody = get(fb, 'next/_links', body, '_links.next.href', 'string', false, 'Next link (_links)');
      const inTeams = get(fb, 'next/links', body, 'links.next.href', 'string', false, 'Next link (links)');
      const fromBody = compose(fb, 'next/body', '{{links}}{{teams}}', { links: inBody, teams: inTeams }, 'Next link in the body');

      // Link: <https://…/x?after=…>; rel="next"  (possibly after a rel="self" link, comma-joined)
      const header = get(fb, 'next/header', headers, 'link', 'string', false, 'Link header');
      const at = find(fb, 'next/find', header, 'rel="next"', 'Find rel="next"');
      const fromHeader = fb.ifElse('link', { a: at, op: '!=', b: literal(-1) }, { href: { type: 'string' } }, {
        then: () => {
          const before = segment(fb, 'link/before', header, literal(0), at, 'Text before rel="next"');
          const opened = split(fb, 'link/open', before, '<', 'Split at <');
          const last = takeItem(fb, 'link/last', 'last', opened, 'string', 'Last link');
          const closed = split(fb, 'link/close', last.item, '>', 'Split at >');
          return { href: takeItem(fb, 'link/url', 'first', closed, 'string', 'The URL').item };
        },
        else: () => ({ href: literal('') }),
      });

      const href = fb.ifElse('pick', { a: fromBody, op: 'is not empty' }, { href: { type: 'string' } }, {
        then: () => ({ href: fromBody }),
        else: () => ({ href: fromHeader.out('href') }),
      });
      const next = fb.ifElse('relative', { a: href.out('href'), op: 'is empty' }, { next: { type: 'string' } }, {
        then: () => ({ next: literal('') }),
        else: () => {
          const parts = urlParse(fb, 'relative/parse', href.out('href'), 'Parse next link');
          return { next: compose(fb, 'relative/url', '{{path}}?{{query}}', { path: parts.path, query: parts.query }, 'Path and query only') };
        },
      });
      returnValues(fb, {
        items: { source: located.out('items'), spec: spec(ref, 'items') },
        next: { source: next.out('next'), spec: spec(ref, 'next') },
        count: { source: count, spec: spec(ref, 'count') },
      });
      return fb.build({ uuid: ref.uuid, group, callable: true, securityLevel: null });
    },
  };
}

export function readAllPagesFlow(readPage: HelperRef): FlowPlan {
  const role = 'support:read-all-pages';
  const takes: FieldSpec[] = [
    { key: 'relativeUrl', type: 'string', label: 'Next page (a list helper\'s next)', custom: true },
    { ...items, label: 'Records so far (a list helper\'s items)' },
    itemsAt,
  ];
  const returns: FieldSpec[] = [items, { key: 'count', type: 'number', label: 'Number of records' }];
  const ref = makeRef(role, 'OIG support · Read all pages', takes, returns);
  return {
    ref,
    description:
      'Follows the next pages of a list and returns every record. Give it the next and items that a list card\'s helper returned (and the path to the records, for a list that keeps them outside data).',
    build(group, config) {
      const fb = new FlowBuilder(role);
      const trigger = fb.step('helperFlow', 'trigger', { inputs: [...contextFields(), ...takes] });
      const url = trigger.out('relativeUrl', null);
      const sofar = trigger.out('items', null);
      const at = trigger.out('itemsAt', null);
      const all = fb.ifElse('more', { a: url, op: 'is empty' }, { items: { type: 'object', list: true } }, {
        then: () => ({ items: sofar }),
        else: () => {
          const call = customApiAction(fb, 'call', { method: 'GET', url, config, name: 'GET next page' });
          const problem = compose(fb, 'failed', 'Reading the next page ({{url}}) failed with HTTP {{status}}.', { url, status: call.status }, 'Error message');
          failIf(fb, 'check', call.status, '>=', literal(300), problem, 'Stop on an error');
          const page = callFlow(fb, 'page', readPage, { body: call.body, headers: call.headers, itemsAt: at }, ['items', 'next'], 'Read the page');
          const combined = union(fb, 'combine', sofar, page.items!, false, 'Add this page');
          const rest = callFlow(fb, 'rest', ref, { relativeUrl: page.next!, items: combined, itemsAt: at }, ['items'], 'Read the pages after it');
          return { items: rest.items! };
        },
      });
      returnValues(fb, {
        items: { source: all.out('items'), spec: spec(ref, 'items') },
        count: { source: length(fb, 'count', all.out('items'), 'Count records'), spec: spec(ref, 'count') },
      });
      return fb.build({ uuid: ref.uuid, group, callable: true, securityLevel: null });
    },
  };
}
