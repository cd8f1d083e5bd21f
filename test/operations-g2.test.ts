/**
 * Cards of the Collections, Resource Owners, Risk Rules, Entitlement Settings and Delegates families:
 * their input schemas compile strictly, take their own example and refuse what Okta would refuse —
 * with the field named — and the shapes these families are known for (array bodies, a bare-array
 * response, required filters, a body id that repeats the path) come out right.
 */
import { createAjv, type ErrorObject } from '../src/model/ajv.ts';
import { describe, expect, it } from 'vitest';
import { compileCard } from '../src/compile/card.ts';
import { inputSchema, outputSchema } from '../src/compile/schemas.ts';
import type { Operation, RuleContext } from '../src/model/operation.ts';
import { collectionOperations } from '../src/operations/collections.ts';
import { delegateOperations } from '../src/operations/delegates.ts';
import { entitlementSettingsOperations } from '../src/operations/entitlement-settings.ts';
import { findOperation, operations } from '../src/operations/index.ts';
import { resourceOwnerOperations } from '../src/operations/resource-owners.ts';
import { riskRuleOperations } from '../src/operations/risk-rules.ts';
import { exampleOf } from './support/cards.ts';

const cards: readonly Operation[] = [
  ...collectionOperations,
  ...resourceOwnerOperations,
  ...riskRuleOperations,
  ...entitlementSettingsOperations,
  ...delegateOperations,
];

const ajv = createAjv();
const validators = new Map(cards.map((op) => [op.id, ajv.compile(inputSchema(op))]));
const validate = (id: string, input: unknown) => {
  const v = validators.get(id)!;
  const ok = v(input);
  return { ok, errors: (v.errors ?? []) as ErrorObject[] };
};
const op = (id: string) => cards.find((o) => o.id === id)!;
const ruleContext = (over: Partial<RuleContext>): RuleContext => ({ path: {}, query: {}, body: undefined, now: new Date('2026-01-01T00:00:00Z'), ...over });

describe('the g2 families', () => {
  it('are every card of their families, each registered once', () => {
    const families = ['Collections', 'Resource Owners', 'Risk Rules', 'Entitlement Settings', 'Delegates'];
    expect(cards.map((o) => o.family).filter((f, i, all) => all.indexOf(f) === i)).toEqual(families);
    expect(operations.filter((o) => families.includes(o.family))).toEqual(cards);
    for (const o of cards) expect(findOperation(o.id), o.id).toBe(o);
  });
});

describe('collections', () => {
  it('take the assignments as the whole JSON-array body, 1 to 20 users of type OKTA_USER', () => {
    const card = compileCard(op('assignCollection'));
    expect(card.inputs.find((i) => i.key === 'assignments')!.to).toEqual({ in: 'body-root' });
    const one = { principal: { externalId: '00u174cGuGxVFp4EY0g4', type: 'OKTA_USER' } };
    const base = { collectionId: 'colvmzzTr4xO45Ujn0g4' };
    expect(validate('assignCollection', { ...base, assignments: [one] }).ok).toBe(true);
    expect(validate('assignCollection', { ...base, assignments: [] }).errors[0]).toMatchObject({ instancePath: '/assignments', keyword: 'minItems' });
    expect(validate('assignCollection', { ...base, assignments: Array(21).fill(one) }).errors[0]).toMatchObject({ keyword: 'maxItems' });
    const group = validate('assignCollection', { ...base, assignments: [{ principal: { externalId: '00g1abcdefghijklmnop', type: 'OKTA_GROUP' } }] });
    expect(group.errors.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/assignments/0/principal/externalId', '/assignments/0/principal/type']));
  });

  it('read the bare-array answer of an assignment as a list card: one record per user given', () => {
    const card = compileCard(op('assignCollection'));
    expect(card.list).toMatchObject({ paginated: false, itemsAt: '' });
    expect(card.list!.itemOutputs.map((o) => [o.key, o.type])).toEqual([
      ['id', 'text'],
      ['userId', 'text'],
      ['expirationTime', 'text'],
      ['raw', 'object'],
    ]);
    expect(card.outputs.map((o) => o.key)).toEqual(['items', 'count']);
    const check = createAjv().compile(outputSchema(op('assignCollection')));
    const recordedLike = [{ id: 'ass28w6vzKKultXP98g5', principal: { externalId: '00u174cGuGxVFp4EY0g4', type: 'OKTA_USER' }, assignmentType: 'INDIVIDUAL', extra: 1 }];
    expect(check({ items: recordedLike.map((raw) => ({ id: raw.id, userId: raw.principal.externalId, raw })), count: 1 })).toBe(true);
    expect(check({ items: recordedLike, count: 1 })).toBe(false);
  });

  it('add at most 25 resources, each a resource ORN, and refuse a plain app id', () => {
    const base = { collectionId: 'colvmzzTr4xO45Ujn0g4' };
    const app = { resourceOrn: 'orn:okta:idp:00o11edPwGqbUrsDm0g4:apps:salesforce:0oafxqCAJWWGELFTYASJ' };
    expect(validate('addResourcesToCollection', { ...base, resources: Array(25).fill(app) }).ok).toBe(true);
    expect(validate('addResourcesToCollection', { ...base, resources: Array(26).fill(app) }).ok).toBe(false);
    const plainId = validate('addResourcesToCollection', { ...base, resources: [{ resourceOrn: '0oafxqCAJWWGELFTYASJ' }] });
    expect(plainId.errors[0]).toMatchObject({ instancePath: '/resources/0/resourceOrn', keyword: 'pattern' });
  });

  it('refuse an ADD or REPLACE of an assignment without a value, naming the operation', () => {
    const [rule] = op('updatePrincipalAssignment').rules!;
    expect(rule!.check(ruleContext({ body: [{ op: 'REMOVE', path: '/expirationTime' }] }))).toBeNull();
    expect(rule!.check(ruleContext({ body: [{ op: 'ADD', path: '/timeZone', value: 'Europe/Paris' }] }))).toBeNull();
    const why = rule!.check(ruleContext({ body: [{ op: 'REMOVE', path: '/timeZone' }, { op: 'REPLACE', path: '/expirationTime' }] }));
    expect(why).toMatch(/^operations\[1\] \(REPLACE \/expirationTime\) needs a value/);
  });

  it('refuse a collection id without the col prefix', () => {
    const { errors } = validate('getCollection', { collectionId: '00g1abcdefghijklmnop' });
    expect(errors[0]).toMatchObject({ instancePath: '/collectionId', keyword: 'pattern' });
  });

  it('page the lists that take after/limit and offer the counts include', () => {
    const paged = (collectionOperations as readonly Operation[]).filter((o) => o.answer.kind === 'list' && o.answer.paginated).map((o) => o.id);
    expect(paged.sort()).toEqual(['listCollectionAssignments', 'listCollectionResources', 'listCollections', 'listCollectionsAssignments']);
    expect(validate('listCollections', { include: ['counts'], limit: 200 }).ok).toBe(true);
    expect(validate('listCollections', { include: ['entitlements'] }).errors[0]).toMatchObject({ instancePath: '/include/0', keyword: 'enum' });
    expect(validate('listCollections', { filter: 'x'.repeat(256) }).errors[0]).toMatchObject({ instancePath: '/filter', keyword: 'maxLength' });
  });
});

describe('resource owners', () => {
  it('need a filter to list, with a clear example', () => {
    for (const id of ['listResourceOwners', 'listResourceOwnerCatalogResources']) {
      const filter = op(id).inputs.filter!;
      expect(filter.required, id).toBe(true);
      expect(String(filter.example)).toMatch(/^parentResourceOrn eq "orn:okta:idp:/);
      expect(validate(id, {}).errors.map((e) => (e.params as { missingProperty?: string }).missingProperty)).toContain('filter');
    }
  });

  it('take an empty owner list (or null) to clear the owners, and at most 5 owners', () => {
    const resourceOrns = ['orn:okta:governance:00o11edPwGqbUrsDm0g4:entitlement-bundles:enbogpaj3XUzcM62u1d6'];
    const owner = 'orn:okta:directory:00o11edPwGqbUrsDm0g4:groups:00g10ctakVI6XlTdk0g4';
    expect(validate('configureResourceOwners', { principalOrns: [], resourceOrns }).ok).toBe(true);
    expect(validate('configureResourceOwners', { principalOrns: null, resourceOrns }).ok).toBe(true);
    expect(validate('configureResourceOwners', { principalOrns: Array(6).fill(owner), resourceOrns }).errors[0]).toMatchObject({
      instancePath: '/principalOrns',
      keyword: 'maxItems',
    });
    const appAsOwner = validate('configureResourceOwners', { principalOrns: [resourceOrns[0]], resourceOrns });
    expect(appAsOwner.errors[0]).toMatchObject({ instancePath: '/principalOrns/0', keyword: 'pattern' });
  });

  it('refuse a name filter that is not scoped to one app and one kind of resource', () => {
    const [rule] = op('listResourceOwners').rules!;
    const app = 'parentResourceOrn eq "orn:okta:idp:00o1:apps:salesforce:0oa1"';
    expect(rule!.check(ruleContext({ query: { filter: app } }))).toBeNull();
    expect(rule!.check(ruleContext({ query: { filter: `${app} AND resource.type eq "entitlement-bundles" AND resource.profile.name sw "Lic"` } }))).toBeNull();
    expect(rule!.check(ruleContext({ query: { filter: `${app} AND resource.profile.name co "Lic"` } }))).toMatch(/^filter: resource\.profile\.name needs both/);
  });

  it('only remove owners when patched', () => {
    const base = { resourceOrn: 'orn:okta:governance:00o1:collections:colvmzzTr4xO45Ujn0g4' };
    const value = 'orn:okta:directory:00o1:users:00u6yl0Q065H4BCPR0g4';
    expect(validate('updateResourceOwners', { ...base, data: [{ op: 'REMOVE', path: '/principalOrn', value }] }).ok).toBe(true);
    expect(validate('updateResourceOwners', { ...base, data: [{ op: 'ADD', path: '/principalOrn', value }] }).errors[0]).toMatchObject({
      instancePath: '/data/0/op',
      keyword: 'enum',
    });
  });
});

describe('risk rules', () => {
  it('need exactly two conflicting entitlement lists', () => {
    const example = exampleOf(op('createRiskRule'));
    const criteria = example.conflictCriteria as { and: unknown[] };
    expect(validate('createRiskRule', example).ok).toBe(true);
    expect(validate('createRiskRule', { ...example, conflictCriteria: { and: criteria.and.slice(0, 1) } }).errors[0]).toMatchObject({
      instancePath: '/conflictCriteria/and',
      keyword: 'minItems',
    });
  });

  it('refuse a replacement whose body id is another rule than the path, naming the field', () => {
    const [rule] = op('replaceRiskRule').rules!;
    expect(rule!.field).toBe('id');
    expect(rule!.check(ruleContext({ path: { ruleId: 'rulb0oNGTSWTBKOLGLNR' }, body: { id: 'rulb0oNGTSWTBKOLGLNR' } }))).toBeNull();
    expect(rule!.check(ruleContext({ path: { ruleId: 'rulb0oNGTSWTBKOLGLNR' }, body: { id: 'rulb0oNGTSWTBKOLGLNS' } }))).toMatch(
      /^id must be the rule being replaced: it is "rulb0oNGTSWTBKOLGLNS" but ruleId is "rulb0oNGTSWTBKOLGLNR"/,
    );
  });

  it('assess risk for a user ORN only', () => {
    const group = validate('generatePotentialRiskAssessments', { principalOrn: 'orn:okta:directory:00o1:groups:00g10ctakVI6XlTdk0g4' });
    expect(group.errors[0]).toMatchObject({ instancePath: '/principalOrn', keyword: 'pattern' });
    expect(compileCard(op('generatePotentialRiskAssessments')).idempotent).toBe(true);
  });
});

describe('entitlement settings and delegates', () => {
  it('switch entitlement management with OPTED_IN or OPTED_OUT only, answered by 202', () => {
    const resourceOrn = 'orn:oktapreview:idp:00onkw1sbuAh3Q06I1d7:apps:saasure:0oankw1sc6z965dIC1d7';
    expect(validate('updateEntitlementSettings', { resourceOrn, status: 'OPTED_IN' }).ok).toBe(true);
    expect(validate('updateEntitlementSettings', { resourceOrn, status: 'OPTING_IN' }).errors[0]).toMatchObject({ instancePath: '/status', keyword: 'enum' });
    expect(op('updateEntitlementSettings').successStatus).toBe(202);
  });

  it('list delegate appointments page by page, the filter optional', () => {
    const card = compileCard(op('listDelegateAppointments'));
    expect(card.options.map((o) => o.key)).toEqual(['resultSet']);
    expect(validate('listDelegateAppointments', {}).ok).toBe(true);
    expect(validate('listDelegateAppointments', { limit: 201 }).errors[0]).toMatchObject({ instancePath: '/limit', keyword: 'maximum' });
  });
});
