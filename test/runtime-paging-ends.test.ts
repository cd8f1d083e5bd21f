/**
 * Paging always ends (issue 14): against local servers whose next links cycle (A → B → A), point at
 * the page just served, or never stop (a fresh cursor with no new records, the same records under a
 * new cursor, or new records for ever), a listing ends with a TransportError naming the card and
 * the link, after the records read so far.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { TransportError, iterateCard, runCard } from '../src/runtime/index.ts';

const PATH = '/governance/api/v1/resource-labels';
const record = (n: number) => ({ orn: `orn:okta:idp:00o1:apps:oidc:0oa${n}` });
/** What the card yields for a record: its item outputs (here the ORN) and the raw record. */
const listed = (n: number) => ({ ...record(n), raw: record(n) });

/** What the server answers for a request's `after` cursor (undefined on the first page). */
type Pager = (after: string | null) => { data: unknown[]; next?: string };
let pager: Pager = () => ({ data: [] });
let served = 0;
let server: Server;
let connection: ReturnType<typeof bearerConnection>;

beforeAll(async () => {
  server = createServer((req, res) => {
    served++;
    const url = new URL(req.url ?? '/', 'http://x');
    const page = pager(url.searchParams.get('after'));
    const body = { data: page.data, _links: page.next ? { next: { href: `${PATH}?after=${page.next}` } } : {} };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connection = bearerConnection({ orgUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accessToken: 'paging-token-0123456789' });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Every record the iteration gave, and the error it ended with. */
async function drain(options: { maxPages?: number } = {}): Promise<{ items: unknown[]; error: TransportError; requests: number }> {
  const before = served;
  const items: unknown[] = [];
  let error: unknown;
  try {
    for await (const item of iterateCard('listLabelResources', { filter: 'resourceType eq "apps"' }, connection, options)) items.push(item);
  } catch (e) {
    error = e;
  }
  expect(error, 'the listing must end with an error').toBeInstanceOf(TransportError);
  expect((error as TransportError).card).toBe('listLabelResources');
  expect((error as TransportError).failure).toBe('answer');
  return { items, error: error as TransportError, requests: served - before };
}

describe('paging that would never end', () => {
  it('a cycle A → B → A: stops at the repeat, naming the link', async () => {
    pager = (after) => (after === null ? { data: [record(0)], next: 'A' } : after === 'A' ? { data: [record(1)], next: 'B' } : { data: [record(2)], next: 'A' });
    const { items, error, requests } = await drain();
    expect(items).toEqual([listed(0), listed(1), listed(2)]);
    expect(requests).toBe(3);
    expect(error.message).toMatch(/^listLabelResources: stopped paging after 3 pages: its next link \/governance\/api\/v1\/resource-labels\?after=A points back to a page already read \(a cycle\)/);
  });

  it('a longer cycle (five pages, back to the second) is caught as well', async () => {
    pager = (after) => {
      const n = after === null ? 0 : Number(after);
      return { data: [record(n)], next: String(n === 5 ? 2 : n + 1) };
    };
    const { items, requests, error } = await drain();
    expect(items).toHaveLength(6);
    expect(requests).toBe(6);
    expect(error.message).toMatch(/after=2 points back/);
  });

  it('a page whose next link is itself', async () => {
    pager = (after) => ({ data: [record(7)], next: after ?? 'self' });
    const { items, requests } = await drain();
    // First page → ?after=self, which links to itself.
    expect(items).toEqual([listed(7), listed(7)]);
    expect(requests).toBe(2);
  });

  it('fresh cursors with no records, for ever: stops after 20 empty pages', async () => {
    let n = 0;
    pager = () => ({ data: [], next: `c${n++}` });
    const { items, requests, error } = await drain();
    expect(items).toEqual([]);
    expect(requests).toBe(20);
    expect(error.message).toMatch(/its last 20 pages added no new records and it still has a next link \(\/governance\/api\/v1\/resource-labels\?after=c19\)/);
  });

  it('fresh cursors that serve the same records again: stops after 20 repeats', async () => {
    let n = 0;
    pager = () => ({ data: [record(1), record(2)], next: `c${n++}` });
    const { items, requests } = await drain();
    expect(requests).toBe(21);
    expect(items).toHaveLength(42);
  });

  it('new records for ever: stops at the page ceiling (maxPages)', async () => {
    let n = 0;
    pager = () => ({ data: [record(n)], next: `c${++n}` });
    const { items, requests, error } = await drain({ maxPages: 50 });
    expect(items).toHaveLength(50);
    expect(requests).toBe(50);
    expect(error.message).toMatch(/still has a next link \(\/governance\/api\/v1\/resource-labels\?after=c50\) after 50 pages, the most one listing may take \(the maxPages option\)/);
  });

  it('runCard with every record throws the same error (oig invoke --all would otherwise never end)', async () => {
    pager = (after) => (after === null ? { data: [record(0)], next: 'A' } : after === 'A' ? { data: [record(1)], next: 'B' } : { data: [record(2)], next: 'A' });
    const error = await runCard('listLabelResources', { filter: 'resourceType eq "apps"' }, connection, { resultSet: 'all' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
  });

  it('an honest listing with a few empty pages between records still reads to the end', async () => {
    pager = (after) => {
      const n = after === null ? 0 : Number(after);
      return { data: n % 3 === 0 ? [record(n)] : [], ...(n < 30 ? { next: String(n + 1) } : {}) };
    };
    const items: unknown[] = [];
    for await (const item of iterateCard('listLabelResources', { filter: 'resourceType eq "apps"' }, connection)) items.push(item);
    expect(items).toHaveLength(11);
  });
});
