import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { apiTokenConnection } from '../src/auth/index.ts';
import { TransportError, iterateCard, runCard } from '../src/runtime/index.ts';
import { nextFromLinkHeader, parseLinkHeader } from '../src/runtime/link-header.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://acme.okta.com';
const ADMIN = 'https://acme-admin.okta.com';
const PATH = '/governance/api/v1/resource-labels';
const connection = apiTokenConnection({ orgUrl: ORG, apiToken: 'ssws-secret-0123456789' });
const input = { filter: 'resourceType eq "apps"' };
const records = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ orn: `orn:okta:idp:00o1:apps:oidc:0oa${from + i}` }));
/** What the card yields for those records: its item outputs (here only the ORN) and the raw record. */
const listed = (from: number, count: number) => records(from, count).map((raw) => ({ orn: raw.orn, raw }));

/** One page of the list; `query` is the exact query the request must carry. */
function page(query: Record<string, string>, body: unknown, headers: Record<string, string | string[]> = {}) {
  const seen: Record<string, unknown>[] = [];
  nock(ORG)
    .get(PATH)
    .query((q) => JSON.stringify(Object.entries(q).sort()) === JSON.stringify(Object.entries(query).sort()))
    .reply(function () {
      seen.push(this.req.headers);
      return [200, body, headers];
    });
  return seen;
}

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

useNock();

describe('following next links', () => {
  it('follows body _links.next on the -admin host, re-based onto the org, with the credential only sent to the org', async () => {
    const admin = nock(ADMIN).persist().get(/.*/).reply(500);
    page(input, { data: records(0, 2), _links: { self: { href: `${ADMIN}${PATH}` }, next: { href: `${ADMIN}${PATH}?after=0oa1&filter=resourceType%20eq%20%22apps%22`, hints: {} } } });
    const second = page({ ...input, after: '0oa1' }, { data: records(2, 1), _links: { self: { href: `${ADMIN}${PATH}?after=0oa1` } } });
    const items = await collect(iterateCard('listLabelResources', input, connection));
    expect(items).toEqual(listed(0, 3));
    expect(second[0]).toMatchObject({ host: 'acme.okta.com', authorization: 'SSWS ssws-secret-0123456789' });
    expect(admin.isDone()).toBe(false);
  });

  it('follows body links.next with a relative href (teams backend) and stops at next: {}', async () => {
    page(input, { data: records(0, 1), links: { self: { href: PATH }, next: { href: `${PATH}?after=68d4d26d899ab659c87c5317` } } });
    page({ after: '68d4d26d899ab659c87c5317' }, { data: records(1, 1), links: { self: { href: PATH }, next: {} } });
    expect(await collect(iterateCard('listLabelResources', input, connection))).toEqual(listed(0, 2));
  });

  it('follows a Link header sent as several header lines', async () => {
    page(input, { data: records(0, 1) }, {
      link: [`<${ADMIN}${PATH}?limit=1>; rel="self"`, `<${ADMIN}${PATH}?after=a1&limit=1>; rel="next"`],
    });
    page({ after: 'a1', limit: '1' }, { data: records(1, 1) }, { link: `<${ADMIN}${PATH}?after=a1&limit=1>; rel="self"` });
    expect(await collect(iterateCard('listLabelResources', input, connection))).toEqual(listed(0, 2));
  });

  it('follows a comma-joined Link header, with extra rels around it', async () => {
    page(input, { data: records(0, 1) }, {
      link: `<https://acme.at.okta.com/next/request-types/all>; rel="atspoke", <${ADMIN}${PATH}?after=a1>; rel="next", <${ADMIN}${PATH}?match>; rel="match"`,
    });
    page({ after: 'a1' }, { data: records(1, 1) });
    expect(await collect(iterateCard('listLabelResources', input, connection))).toEqual(listed(0, 2));
  });

  it('prefers the body link and never builds a cursor itself (the next query is exactly the link\'s)', async () => {
    page(input, { data: records(0, 1), _links: { next: { href: `${PATH}?after=fromBody` } } }, { link: `<${PATH}?after=fromHeader>; rel="next"` });
    page({ after: 'fromBody' }, { data: [] });
    expect(await collect(iterateCard('listLabelResources', input, connection))).toEqual(listed(0, 1));
  });

  it('a next link back at the page it just served ends the listing with an error naming the card and the link', async () => {
    page(input, { data: records(0, 1), _links: { next: { href: `${PATH}?filter=resourceType%20eq%20%22apps%22` } } });
    const got: unknown[] = [];
    const error = await (async () => {
      for await (const item of iterateCard('listLabelResources', input, connection)) got.push(item);
    })().then(() => undefined, (e: unknown) => e as Error);
    expect(got).toEqual(listed(0, 1));
    expect(error).toBeInstanceOf(TransportError);
    expect(error!.message).toMatch(/^listLabelResources: stopped paging after 1 page: its next link \/governance\/api\/v1\/resource-labels\?filter=resourceType%20eq%20%22apps%22 points back to a page already read/);
  });

  it('does not follow next links of lists the declaration marks as not paginated', async () => {
    nock(ORG).get('/governance/api/v1/labels').reply(200, { data: [{ labelId: 'lbc1' }], _links: { next: { href: '/governance/api/v1/labels?after=x' } } });
    const result = await runCard('listLabels', {}, connection, { resultSet: 'all' });
    expect(result.outputs).toEqual({ items: [{ labelId: 'lbc1', raw: { labelId: 'lbc1' } }], count: 1 });
  });
});

describe('result sets', () => {
  const chain = (pages: number, size: number) => {
    for (let p = 0; p < pages; p++) {
      const query = p === 0 ? input : { after: `p${p}` };
      const next = p + 1 < pages ? { _links: { next: { href: `${ADMIN}${PATH}?after=p${p + 1}` } } } : {};
      page(query, { data: records(p * size, size), ...next });
    }
  };

  it('first: one record, one request', async () => {
    chain(3, 5);
    const result = await runCard('listLabelResources', input, connection, { resultSet: 'first' });
    expect(result.outputs).toEqual({ items: listed(0, 1), count: 1 });
    expect(nock.pendingMocks()).toHaveLength(2);
  });

  it('firstN: 200 by default, reading only the pages it needs', async () => {
    chain(3, 150);
    const result = await runCard('listLabelResources', input, connection);
    expect(result.outputs.count).toBe(200);
    expect(result.outputs.items).toEqual(listed(0, 200));
    expect(nock.pendingMocks()).toHaveLength(1);
  });

  it('firstN with a limit', async () => {
    chain(2, 2);
    const result = await runCard('listLabelResources', input, connection, { resultSet: 'firstN', limit: 3 });
    expect(result.outputs).toEqual({ items: listed(0, 3), count: 3 });
  });

  it('all: every page, and the result carries the last page\'s status and headers', async () => {
    chain(4, 3);
    const result = await runCard('listLabelResources', input, connection, { resultSet: 'all' });
    expect(result.outputs.count).toBe(12);
    expect(result.status).toBe(200);
    expect(nock.isDone()).toBe(true);
  });

  it('iterateCard reads a page only when the records before it are used up', async () => {
    chain(2, 2);
    const iterator = iterateCard('listLabelResources', input, connection)[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    expect(nock.pendingMocks()).toHaveLength(1);
    await iterator.next();
    expect(nock.isDone()).toBe(true);
  });

  it('accepts a bare array as a list body', async () => {
    page(input, records(0, 2));
    expect(await collect(iterateCard('listLabelResources', input, connection))).toEqual(listed(0, 2));
  });
});

describe('Link header parsing', () => {
  it('reads every link and its parameters', () => {
    const links = parseLinkHeader('<https://a.example/x?y=1,2>; rel="next"; title="a, b", </rel>;rel=self');
    expect(links).toEqual([
      { href: 'https://a.example/x?y=1,2', params: { rel: 'next', title: 'a, b' } },
      { href: '/rel', params: { rel: 'self' } },
    ]);
  });

  it('finds next among several rels and ignores junk', () => {
    expect(nextFromLinkHeader('garbage, <https://a.example/2>; rel="prev next"')).toBe('https://a.example/2');
    expect(nextFromLinkHeader('<https://a.example/1>; rel="self"')).toBeUndefined();
    expect(nextFromLinkHeader(null)).toBeUndefined();
  });

  it('handles links longer than 2000 characters', () => {
    const long = `/x?filter=${'a'.repeat(5000)}`;
    expect(nextFromLinkHeader(`<${long}>; rel="next"`)).toBe(long);
  });
});
