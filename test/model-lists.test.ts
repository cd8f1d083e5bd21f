/**
 * Lists whose records are not in `{data: […]}`: `itemsAt` on the list shape says where they are —
 * '' for a bare JSON list (core Okta users, the assignments assignCollection answers with),
 * '/entitlementHistory' for the entitlement history envelope. The runtime reads them there, the
 * card carries it, and the Workflows helpers ("Read page", "Read all pages") follow it.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bearerConnection } from '../src/auth/index.ts';
import { compileCard } from '../src/compile/card.ts';
import { helperLibrary } from './support/exports.ts';
import { createAjv } from '../src/model/ajv.ts';
import { outputSchema } from '../src/compile/schemas.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import { iterateCard, runCard } from '../src/runtime/index.ts';
import { itemsOf } from '../src/runtime/parse-response.ts';
import { Interpreter } from './support/flow-interpreter.ts';
import { useNock } from './support/nock.ts';

const ORG = 'https://acme.okta.com';
const connection = () => bearerConnection({ orgUrl: ORG, accessToken: 'tok-model-lists-123456789' });
const HISTORY = '/governance/api/v1/principal-entitlements/history';
const filter =
  'resource.externalId eq "0oao01ardu8r8qUP91d7" AND resource.type eq "APPLICATION" AND principal.externalId eq "00unkw1sfbTw08c0g1d7" AND principal.type eq "OKTA_USER"';
const envelope = {
  resource: { externalId: '0oao01ardu8r8qUP91d7', type: 'APPLICATION' },
  principal: { externalId: '00unkw1sfbTw08c0g1d7', type: 'OKTA_USER' },
};
const period = (n: number) => ({ startDate: `2026-0${n}-01T00:00:00Z`, lifecycle: n === 3 ? 'ACTIVE' : 'INACTIVE', entitlements: [{ id: `esp${n}`, values: [] }] });

useNock();

describe('where the records are', () => {
  it('reads them at the pointer the card gives, strictly, and keeps the {data} default', () => {
    expect(itemsOf({ entitlementHistory: [1, 2], data: [9] }, '/entitlementHistory')).toEqual([1, 2]);
    expect(itemsOf([1, 2], '')).toEqual([1, 2]);
    // A card that says "bare list" doesn't take an envelope's data, nor a non-list for records.
    expect(itemsOf({ data: [1] }, '')).toEqual([]);
    expect(itemsOf({ entitlementHistory: {} }, '/entitlementHistory')).toEqual([]);
    expect(itemsOf({ data: [1] })).toEqual([1]);
    expect(itemsOf([1])).toEqual([1]);
  });

  it('compiles into the card: list.itemsAt and the items output both point there', () => {
    const history = compileCard(findOperation('getPrincipalEntitlementsHistory')!);
    expect(history.list).toMatchObject({ paginated: true, itemsAt: '/entitlementHistory' });
    expect(history.outputs.find((o) => o.key === 'items')).toMatchObject({ from: '/entitlementHistory' });
    const users = compileCard(findOperation('listUsers')!);
    expect(users.list).toMatchObject({ paginated: true, itemsAt: '' });
    expect(users.outputs.find((o) => o.key === 'items')).toMatchObject({ from: '' });
    const labels = compileCard(findOperation('listLabels')!);
    expect(labels.list && 'itemsAt' in labels.list).toBe(false);
    expect(labels.outputs.find((o) => o.key === 'items')).toMatchObject({ from: '/data' });
  });
});

describe('the entitlement history as a list card', () => {
  it('pages through the envelope\'s next link (re-based from the -admin host) and returns the periods', async () => {
    const seen: string[] = [];
    nock(ORG)
      .get(HISTORY)
      .query((q) => {
        seen.push(String(q.after ?? ''));
        return q.after === undefined && q.filter === filter;
      })
      .reply(200, { ...envelope, entitlementHistory: [period(1), period(2)], metadata: { total: 3 }, _links: { next: { href: `https://acme-admin.okta.com${HISTORY}?after=p2&filter=x` } } });
    nock(ORG).get(HISTORY).query({ after: 'p2', filter: 'x' }).reply(200, { ...envelope, entitlementHistory: [period(3)], _links: { self: { href: `${HISTORY}?after=p2` } } });

    const result = await runCard('getPrincipalEntitlementsHistory', { filter, limit: 2 }, connection(), { resultSet: 'all' });
    expect(result.outputs.items.map((i) => i.raw)).toEqual([period(1), period(2), period(3)]);
    expect(result.outputs.count).toBe(3);
    expect(seen[0]).toBe('');
    expect(createAjv().compile(outputSchema(findOperation('getPrincipalEntitlementsHistory')!))(result.outputs)).toBe(true);
  });

  it('streams the periods with iterateCard and stops at "first"', async () => {
    nock(ORG).get(HISTORY).query(true).reply(200, { ...envelope, entitlementHistory: [period(1), period(2)], _links: { next: { href: `${HISTORY}?after=p2` } } });
    const first = await runCard('getPrincipalEntitlementsHistory', { filter }, connection(), { resultSet: 'first' });
    expect(first.outputs.items.map((i) => i.raw)).toEqual([period(1)]);
    expect(first.outputs.count).toBe(1);

    nock(ORG).get(HISTORY).query(true).reply(200, { ...envelope, entitlementHistory: [period(1)], _links: {} });
    const streamed: unknown[] = [];
    for await (const item of iterateCard('getPrincipalEntitlementsHistory', { filter }, connection())) streamed.push((item as { raw: unknown }).raw);
    expect(streamed).toEqual([period(1)]);
  });
});

describe('bare-list answers', () => {
  it('listUsers: each page is a bare list, the next page comes from the Link header', async () => {
    const user = (id: string) => ({ id, status: 'ACTIVE', profile: { login: `${id}@example.com` } });
    nock(ORG)
      .get('/api/v1/users')
      .query({ limit: '2' })
      .reply(200, [user('00u1'), user('00u2')], { link: `<${ORG}/api/v1/users?limit=2>; rel="self", <https://acme-admin.okta.com/api/v1/users?after=00u2&limit=2>; rel="next"` });
    nock(ORG).get('/api/v1/users').query({ after: '00u2', limit: '2' }).reply(200, [user('00u3')]);
    const result = await runCard('listUsers', { limit: 2 }, connection(), { resultSet: 'all' });
    expect(result.outputs.items.map((u) => u.id)).toEqual(['00u1', '00u2', '00u3']);
  });

  it('assignCollection: one POST, the assignments as records; never pages, even with a next link', async () => {
    const assigned = [
      { id: 'ass28w6vzKKultXP98g5', principal: { externalId: '00u174cGuGxVFp4EY0g4', type: 'OKTA_USER' }, assignmentType: 'INDIVIDUAL' },
      { id: 'ass28w6vzKKultXP98g6', principal: { externalId: '00u174cGuGxVFp4EY0g5', type: 'OKTA_USER' }, assignmentType: 'INDIVIDUAL' },
    ];
    const posted: unknown[] = [];
    nock(ORG)
      .post('/governance/api/v1/collections/colvmzzTr4xO45Ujn0g4/assignments', (body) => {
        posted.push(body);
        return true;
      })
      .reply(201, assigned, { link: `<${ORG}/governance/api/v1/collections/colvmzzTr4xO45Ujn0g4/assignments?after=x>; rel="next"` });
    const result = await runCard('assignCollection', { collectionId: 'colvmzzTr4xO45Ujn0g4', userIds: ['00u174cGuGxVFp4EY0g4', '00u174cGuGxVFp4EY0g5'] }, connection());
    expect(result.status).toBe(201);
    expect(result.outputs.items.map((i) => i.raw)).toEqual(assigned);
    expect(result.outputs.count).toBe(2);
    expect(posted).toEqual([
      [
        { principal: { externalId: '00u174cGuGxVFp4EY0g4', type: 'OKTA_USER' } },
        { principal: { externalId: '00u174cGuGxVFp4EY0g5', type: 'OKTA_USER' } },
      ],
    ]);
    expect(nock.isDone()).toBe(true);
  });
});

describe('the Workflows helpers follow itemsAt', () => {
  const pack = helperLibrary();
  const interpreter = () => new Interpreter(pack, { baseUrl: ORG, token: 'tok-model-lists-123456789' });

  it('the history helper returns the periods of its page, and "Read all pages" collects the rest with the same path', async () => {
    nock(ORG)
      .get(HISTORY)
      .query((q) => q.after === undefined)
      .reply(200, { ...envelope, entitlementHistory: [period(1), period(2)], _links: { next: { href: `https://acme-admin.okta.com${HISTORY}?after=p2` } } });
    nock(ORG).get(HISTORY).query({ after: 'p2' }).reply(200, { ...envelope, entitlementHistory: [period(3)], _links: {} });

    const run = interpreter();
    const page = await run.run('OIG · Get entitlement history', { filter, limit: 2 });
    expect(page.returned).toMatchObject({ items: [period(1), period(2)], count: 2, next: `${HISTORY}?after=p2` });
    const all = await run.run('OIG support · Read all pages', { relativeUrl: page.returned!.next, items: page.returned!.items, itemsAt: 'entitlementHistory' });
    expect(all.returned).toMatchObject({ items: [period(1), period(2), period(3)], count: 3 });
  });

  it('"Read page" without a path still reads {data} and bare lists', async () => {
    const run = interpreter();
    const data = await run.run('OIG support · Read page', { body: { data: [1, 2] }, headers: {} });
    expect(data.returned).toMatchObject({ items: [1, 2], count: 2, next: '' });
    const bare = await run.run('OIG support · Read page', { body: [1, 2, 3], headers: {} });
    expect(bare.returned).toMatchObject({ items: [1, 2, 3], count: 3 });
  });
});
