/** defineFamily: what a family states once fills every operation that doesn't say otherwise. */
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { compileCard } from '../src/compile/card.ts';
import { list, noBody, object } from '../src/model/answers.ts';
import { defineFamily, type FamilyDefaults } from '../src/model/family.ts';
import { out, outHeader } from '../src/model/fields.ts';

const family: FamilyDefaults = {
  family: 'Things',
  docs: { api: 'governance.api', tag: 'Things' },
  lifecycle: 'BETA',
  adminRoles: ['SUPER_ADMIN'],
  scopes: { read: ['things.read'], manage: ['things.manage'] },
};
const thing = Type.Object({ id: Type.Optional(Type.String()) });
const base = { title: 'T', description: 'A made-up operation.', path: '/things', inputs: {} } as const;

describe('defineFamily', () => {
  const [list1, create, remove, special] = defineFamily(family, [
    { ...base, id: 'listThings', method: 'GET', answer: list({ item: thing, paginated: true, itemOutputs: { id: out('/id', 'ID') } }) },
    { ...base, id: 'createThing', method: 'POST', successStatus: 201, answer: object(thing, { id: out('/id', 'ID') }) },
    { ...base, id: 'deleteThing', method: 'DELETE', answer: noBody() },
    { ...base, id: 'launchThing', method: 'POST', lifecycle: 'GA', adminRoles: [], scopes: ['other.scope'], docs: 'https://example.invalid/launch', answer: noBody({ link: outHeader('Location', 'Link') }) },
  ]);

  it('fills family, docs link, lifecycle and admin roles from the family', () => {
    expect(list1).toMatchObject({
      family: 'Things',
      docs: 'https://developer.okta.com/docs/api/iga/openapi/governance.api/tag/Things/#tag/Things/operation/listThings',
      lifecycle: 'BETA',
      adminRoles: ['SUPER_ADMIN'],
    });
  });

  it('gives reads the read scopes and every other method the manage scopes', () => {
    expect(list1!.scopes).toEqual(['things.read']);
    expect(create!.scopes).toEqual(['things.manage']);
    expect(remove!.scopes).toEqual(['things.manage']);
  });

  it('defaults the success status by method (204 for DELETE, else 200) and keeps a stated one', () => {
    expect([list1!.successStatus, create!.successStatus, remove!.successStatus]).toEqual([200, 201, 204]);
  });

  it('lets an operation state its own docs, lifecycle, roles and scopes', () => {
    expect(special).toMatchObject({ docs: 'https://example.invalid/launch', lifecycle: 'GA', adminRoles: [], scopes: ['other.scope'] });
  });

  it('refuses a write in a family with no manage scopes, naming the operation', () => {
    expect(() => defineFamily({ ...family, scopes: { read: ['things.read'] } }, [{ ...base, id: 'createThing', method: 'POST', answer: noBody() }])).toThrow(
      /createThing: the Things family states no manage scopes; give createThing its scopes/,
    );
  });

  it('compiles the three answer kinds: records, one object (with the full response), no body (headers only)', () => {
    expect(compileCard(list1!).list).toMatchObject({ paginated: true, itemOutputs: [{ key: 'id', from: '/id' }, { key: 'raw', from: '' }] });
    expect(compileCard(create!).outputs.map((o) => o.key)).toEqual(['id', 'response']);
    expect(compileCard(remove!).outputs).toEqual([]);
    expect(compileCard(special!).outputs).toEqual([expect.objectContaining({ key: 'link', header: 'location' })]);
  });
});
