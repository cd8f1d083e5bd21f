/**
 * The placements the model gained: list indexes in body pointers (`/requesterUserIds/0`,
 * `/resources/0/resourceOrn`, `-` to append) and item mappings (`eachValue`, `eachSet`) that turn
 * a friendly list of plain ids into the API's list of objects — in the JSON-pointer writer, in the
 * request builder on synthetic cards, in the cards that use them, and as declarations keep them.
 */
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { compileCard } from '../src/compile/card.ts';
import { bodyField, bodyRoot, pathParam } from '../src/model/fields.ts';
import type { Operation } from '../src/model/operation.ts';
import { operations } from '../src/operations/index.ts';
import { buildRequest } from '../src/runtime/build-request.ts';
import type { RunnableCard } from '../src/runtime/card-registry.ts';
import { prepareCard } from '../src/runtime/index.ts';
import { getAt, isIndexToken, pointerTokens, setAt } from '../src/runtime/json-pointer.ts';
import { NOW, refusal } from './support/cards.ts';

const USER = '00u1a2B3c4D5e6F7g8H9';
const OTHER = '00u9z8Y7x6W5v4U3t2S1';

const bodyOf = (id: string, input: unknown) => prepareCard(id, input, NOW).request.body;

/** A card made up for the test, run through the real compiler and request builder. */
function build(inputs: Operation['inputs'], values: Record<string, unknown>): unknown {
  const op: Operation = {
    id: 'testThing',
    title: 'Test thing',
    family: 'Test',
    description: 'A card made up for a test of the request builder.',
    docs: 'https://example.invalid',
    lifecycle: 'GA',
    method: 'POST',
    path: '/things/{thingId}',
    successStatus: 200,
    scopes: ['test.scope'],
    adminRoles: [],
    inputs: { thingId: pathParam('thingId', Type.String(), { label: 'Thing', help: 'The thing to act on.' }), ...inputs },
    answer: { kind: 'none', outputs: {} },
  };
  const card = compileCard(op);
  return buildRequest({ op, card } as RunnableCard, { thingId: 't1', ...values }).body;
}

describe('JSON pointers with list indexes', () => {
  it('build a list where an index token meets nothing yet', () => {
    const body: Record<string, unknown> = {};
    setAt(body, '/requesterUserIds/0', USER);
    expect(body).toEqual({ requesterUserIds: [USER] });
    expect(Array.isArray(body.requesterUserIds)).toBe(true);

    const nested: Record<string, unknown> = {};
    setAt(nested, '/resources/0/resourceOrn', 'orn:okta:idp:o:apps:a:0oa1');
    setAt(nested, '/delegates/appointments/0/delegate/externalId', USER);
    setAt(nested, '/delegates/appointments/0/delegate/type', 'OKTA_USER');
    setAt(nested, '/delegates/appointments/0/note', 'away');
    expect(nested).toEqual({
      resources: [{ resourceOrn: 'orn:okta:idp:o:apps:a:0oa1' }],
      delegates: { appointments: [{ delegate: { externalId: USER, type: 'OKTA_USER' }, note: 'away' }] },
    });
  });

  it('append with "-", and write into an existing list without touching the caller\'s copy', () => {
    const given = [{ id: 'a', value: '1' }];
    const body: Record<string, unknown> = { answers: given };
    setAt(body, '/answers/-', { id: 'b' });
    setAt(body, '/answers/0/value', '2');
    expect(body.answers).toEqual([{ id: 'a', value: '2' }, { id: 'b' }]);
    expect(given).toEqual([{ id: 'a', value: '1' }]);
  });

  it('keep a numeric key as a key where an object is already there', () => {
    const body: Record<string, unknown> = { codes: { x: 1 } };
    setAt(body, '/codes/0', 'zero');
    expect(body).toEqual({ codes: { x: 1, '0': 'zero' } });
  });

  it('refuse a gap in a list and a name inside a list, saying which pointer', () => {
    expect(() => setAt({}, '/ids/1', USER)).toThrow(/\/ids\/1: index 1 would leave a gap in a list of 0/);
    expect(() => setAt({ ids: [] }, '/ids/name', USER)).toThrow(/\/ids\/name: "name" names a key, but that part of the body is a list/);
  });

  it('write "__proto__" as an ordinary key, never the prototype', () => {
    const body: Record<string, unknown> = {};
    setAt(body, '/__proto__/polluted', true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(body))).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'));
  });

  it('read list items by index, and nothing for "-", names on lists or inherited keys', () => {
    const body = { data: [{ id: 'a' }, { id: 'b' }], plain: {} };
    expect(getAt(body, '/data/1/id')).toBe('b');
    expect(getAt(body, '/data/-')).toBeUndefined();
    expect(getAt(body, '/data/length')).toBeUndefined();
    expect(getAt(body, '/plain/constructor')).toBeUndefined();
    expect(getAt([{ id: 'x' }], '/0/id')).toBe('x');
  });

  it('tell index tokens from keys', () => {
    expect(['0', '7', '12', '-'].every(isIndexToken)).toBe(true);
    expect(['01', 'a', '', '1a', '-1'].some(isIndexToken)).toBe(false);
    expect(pointerTokens('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });
});

describe('item mappings in the request builder', () => {
  it('turn a list of plain ids into the API\'s objects, with constants in every item', () => {
    const body = build(
      { userIds: bodyField('/members', Type.Array(Type.String()), { label: 'Users', help: 'Who joins.', eachValue: '/principal/externalId', eachSet: { '/principal/type': 'OKTA_USER' } }) },
      { userIds: [USER, OTHER] },
    );
    expect(body).toEqual({
      members: [
        { principal: { externalId: USER, type: 'OKTA_USER' } },
        { principal: { externalId: OTHER, type: 'OKTA_USER' } },
      ],
    });
  });

  it('map object items by key and add the constants after, so a constant always wins', () => {
    const body = build(
      {
        values: bodyField('/values', Type.Array(Type.Object({ name: Type.String(), kind: Type.Optional(Type.String()) })), {
          label: 'Values',
          help: 'Values with a kind.',
          each: { name: '/label/text' },
          eachSet: { '/kind': 'FIXED' },
        }),
      },
      { values: [{ name: 'a', kind: 'mine' }, { name: 'b' }] },
    );
    expect(body).toEqual({ values: [{ label: { text: 'a' }, kind: 'FIXED' }, { label: { text: 'b' }, kind: 'FIXED' }] });
  });

  it('reshape a whole-body list (body-root) the same way', () => {
    const body = build(
      { ids: bodyRoot(Type.Array(Type.String()), { label: 'IDs', help: 'The ids, as the whole body.', eachValue: '/id', eachSet: { '/type': 'APP' } }) },
      { ids: ['0oa1', '0oa2'] },
    );
    expect(body).toEqual([
      { id: '0oa1', type: 'APP' },
      { id: '0oa2', type: 'APP' },
    ]);
  });

  it('make one item of a single value placed at "/list/-", after the items another input gave', () => {
    const inputs = {
      answers: bodyField('/answers', Type.Array(Type.Object({ id: Type.String(), value: Type.String() })), { label: 'Answers', help: 'The answers given.' }),
      forUser: bodyField('/answers/-', Type.String(), { label: 'For user', help: 'Who it is for.', eachValue: '/value', eachSet: { '/id': 'FOR' } }),
    };
    expect(build(inputs, { forUser: USER, answers: [{ id: 'q1', value: 'yes' }] })).toEqual({
      answers: [
        { id: 'q1', value: 'yes' },
        { value: USER, id: 'FOR' },
      ],
    });
    expect(build(inputs, { forUser: USER })).toEqual({ answers: [{ value: USER, id: 'FOR' }] });
  });

  it('refuse to declare an item mapped both by key and as a plain value', () => {
    expect(() => bodyField('/x', Type.Array(Type.String()), { label: 'X', help: 'Both mappings.', each: { a: '/a' }, eachValue: '/v' })).toThrow(/either by key \(each\) or as plain values \(eachValue\)/);
  });
});

describe('the cards that use them', () => {
  it('createRequest: one requester id becomes the API\'s one-item list; the list form still works; not both', () => {
    const base = { requestTypeId: '6543a1b2c3d4e5f6a7b8c9d0', subject: 'Finance reporting access' };
    expect(bodyOf('createRequest', { ...base, requesterUserId: USER })).toEqual({ ...base, requesterUserIds: [USER] });
    expect(bodyOf('createRequest', { ...base, requesterUserIds: [USER] })).toEqual({ ...base, requesterUserIds: [USER] });
    expect(bodyOf('createRequest', base)).toEqual(base);
    const both = refusal('createRequest', { ...base, requesterUserId: USER, requesterUserIds: [USER] });
    expect(both.rule).toBe('atMostOne');
    expect(both.message).toMatch(/requesterUserId/);
    expect(refusal('createRequest', { ...base, requesterUserId: '00g1a2B3c4D5e6F7g8H9' }).field).toBe('requesterUserId');
  });

  it('createRiskRule: one app ORN becomes resources: [{resourceOrn}]; exactly one of the two forms', () => {
    const op = compileCard(operations.find((o) => o.id === 'createRiskRule')!);
    const example = Object.fromEntries(op.inputs.filter((i) => i.example !== undefined && !i.advanced).map((i) => [i.key, i.example]));
    const { resourceOrn, ...rest } = example as { resourceOrn: string };
    expect((bodyOf('createRiskRule', example) as { resources: unknown }).resources).toEqual([{ resourceOrn }]);
    expect((bodyOf('createRiskRule', { ...rest, resources: [{ resourceOrn }] }) as { resources: unknown }).resources).toEqual([{ resourceOrn }]);
    expect(refusal('createRiskRule', rest).rule).toBe('oneOf');
    expect(refusal('createRiskRule', { ...example, resources: [{ resourceOrn }] }).rule).toBe('oneOf');
  });

  it.each([
    ['updatePrincipalSettings', { targetPrincipalId: '00u8f2kq7TxLmWn3p0g7' }],
    ['updateMySettings', {}],
  ])('%s: a delegate user id, note and times become the one appointment', (id, path) => {
    const given = { delegateUserId: USER, note: 'Parental leave', startTime: '2026-07-01T00:00:00Z', endTime: '2026-09-01T00:00:00Z' };
    expect(bodyOf(id, { ...path, ...given })).toEqual({
      delegates: {
        appointments: [{ delegate: { externalId: USER, type: 'OKTA_USER' }, note: 'Parental leave', startTime: given.startTime, endTime: given.endTime }],
      },
    });
    expect(bodyOf(id, { ...path, delegates: { appointments: [] } })).toEqual({ delegates: { appointments: [] } });

    const noteOnly = refusal(id, { ...path, note: 'Parental leave' });
    expect([noteOnly.rule, noteOnly.field]).toEqual(['delegates-given', 'delegates']);
    expect(noteOnly.message).toMatch(/delegateUserId is required with a note/);
    expect(refusal(id, path).message).toMatch(/delegateUserId is required/);
    expect(refusal(id, { ...path, delegateUserId: USER, delegates: { appointments: [] } }).rule).toBe('atMostOne');
    const backwards = refusal(id, { ...path, delegateUserId: USER, startTime: '2026-09-01T00:00:00Z', endTime: '2026-07-01T00:00:00Z' });
    expect(backwards.rule).toBe('delegate-appointment-window');
  });

  it('updatePrincipalSettings: a note next to the API form goes into its appointment, leaving the input as given', () => {
    const delegates = { appointments: [{ delegate: { externalId: USER, type: 'OKTA_USER' } }] };
    const snapshot = structuredClone(delegates);
    expect(bodyOf('updatePrincipalSettings', { targetPrincipalId: '00u8f2kq7TxLmWn3p0g7', delegates, note: 'Covering' })).toEqual({
      delegates: { appointments: [{ delegate: { externalId: USER, type: 'OKTA_USER' }, note: 'Covering' }] },
    });
    expect(delegates).toEqual(snapshot);
  });

  it('createMyRequestV2: "requested for" is one more answer, OKTA_REQUESTED_FOR, after the others', () => {
    const entryId = 'cen8f3qBx2YuMc7Pt0g7';
    const answer = { id: 'bf2a1c3e-6d4b-4a8f-9c21-7e5d3b0a9f14', value: 'Needed for the Q3 budget review.' };
    expect(bodyOf('createMyRequestV2', { entryId, requestedForUserId: USER, requesterFieldValues: [answer] })).toEqual({
      requesterFieldValues: [answer, { value: USER, id: 'OKTA_REQUESTED_FOR' }],
    });
    expect(bodyOf('createMyRequestV2', { entryId, requestedForUserId: USER })).toEqual({ requesterFieldValues: [{ value: USER, id: 'OKTA_REQUESTED_FOR' }] });
    const twice = refusal('createMyRequestV2', { entryId, requestedForUserId: USER, requesterFieldValues: [{ id: 'OKTA_REQUESTED_FOR', value: OTHER }] });
    expect(twice.rule).toBe('my-request-answers-once');
    expect(twice.message).toMatch(/requestedForUserId and an OKTA_REQUESTED_FOR answer/);
  });

  it('assignCollection: a list of user ids becomes the API\'s list of assignments; exactly one form', () => {
    const collectionId = 'colvmzzTr4xO45Ujn0g4';
    expect(bodyOf('assignCollection', { collectionId, userIds: [USER, OTHER] })).toEqual([
      { principal: { externalId: USER, type: 'OKTA_USER' } },
      { principal: { externalId: OTHER, type: 'OKTA_USER' } },
    ]);
    const assignments = [{ principal: { externalId: USER, type: 'OKTA_USER' }, expirationTime: '2030-04-30T23:59:59Z' }];
    expect(bodyOf('assignCollection', { collectionId, assignments })).toEqual(assignments);
    expect(refusal('assignCollection', { collectionId }).rule).toBe('oneOf');
    expect(refusal('assignCollection', { collectionId, userIds: [USER], assignments }).rule).toBe('oneOf');
    expect(refusal('assignCollection', { collectionId, userIds: [USER, USER] }).field).toBe('userIds');
    expect(refusal('assignCollection', { collectionId, userIds: Array.from({ length: 21 }, (_, i) => `00u${String(i).padStart(17, '0')}`) }).field).toBe('userIds');
  });

  it('updateOrgSettings: one end-user delegate permission becomes the API\'s one-item list, written over the API form', () => {
    expect(bodyOf('updateOrgSettings', { endUserDelegatePermission: 'WRITE' })).toEqual({ delegates: { enduser: { permissions: ['WRITE'] } } });
    const given = { enduser: { permissions: ['READ'] } };
    expect(bodyOf('updateOrgSettings', { delegates: given, endUserDelegatePermission: 'WRITE' })).toEqual({ delegates: { enduser: { permissions: ['WRITE'] } } });
    expect(given.enduser.permissions).toEqual(['READ']);
    expect(refusal('updateOrgSettings', { endUserDelegatePermission: 'ADMIN' }).field).toBe('endUserDelegatePermission');
  });

  it('compile the mapping into cards/<id>.json as declared', () => {
    const card = compileCard(operations.find((o) => o.id === 'assignCollection')!);
    expect(card.inputs.find((i) => i.key === 'userIds')!.to).toEqual({ in: 'body-root', eachValue: '/principal/externalId', eachSet: { '/principal/type': 'OKTA_USER' } });
    const my = compileCard(operations.find((o) => o.id === 'createMyRequestV2')!);
    expect(my.inputs.find((i) => i.key === 'requestedForUserId')!.to).toEqual({ in: 'body', pointer: '/requesterFieldValues/-', eachValue: '/value', eachSet: { '/id': 'OKTA_REQUESTED_FOR' } });
  });
});

describe('every declaration keeps its placements buildable', () => {
  const bodyPlacements = operations.flatMap((op) =>
    Object.entries(op.inputs).flatMap(([key, f]) => (f.to.in === 'body' || f.to.in === 'body-root' ? [{ op, key, field: f, to: f.to }] : [])),
  );
  const itemPointers = (to: { eachValue?: string; eachSet?: Record<string, unknown>; each?: Record<string, string> }) => [
    ...(to.eachValue !== undefined ? [to.eachValue] : []),
    ...Object.keys(to.eachSet ?? {}),
    ...Object.values(to.each ?? {}),
  ];

  it('pointers are JSON pointers, with indexes only at 0 or "-" (a one-item list, or an append)', () => {
    const bad: string[] = [];
    for (const { op, key, to } of bodyPlacements) {
      const pointers = [...(to.in === 'body' ? [to.pointer, ...Object.keys(to.set ?? {})] : []), ...itemPointers(to)];
      for (const p of pointers) {
        if (!p.startsWith('/')) bad.push(`${op.id}.${key}: ${p} is not a pointer`);
        if (pointerTokens(p).some((t) => isIndexToken(t) && t !== '0' && t !== '-')) bad.push(`${op.id}.${key}: ${p} skips list items`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('an item mapping sits on a list input, or on a single value placed as one list item', () => {
    const bad: string[] = [];
    for (const { op, key, field, to } of bodyPlacements) {
      if (!itemPointers(to).length) continue;
      const isList = (field.schema as { type?: string }).type === 'array';
      const oneItem = to.in === 'body' && isIndexToken(pointerTokens(to.pointer).at(-1) ?? '');
      if (!isList && !oneItem) bad.push(`${op.id}.${key}`);
      if (to.each && to.eachValue !== undefined) bad.push(`${op.id}.${key}: each and eachValue`);
    }
    expect(bad).toEqual([]);
  });
});
